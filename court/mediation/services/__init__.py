"""The mediation services (keyword-only, each checks access and the law, writes its CaseEvent); re-exported so that
`from court.mediation import services; services.prefiling_divert(...)` works."""

from .agreement import (  # noqa: F401
    AGREEMENT_EXISTS,
    AGREEMENT_NEEDS_TERMS,
    ALREADY_APPLIED,
    ALREADY_SIGNED,
    NOT_EFFECTIVE,
    ONLY_BEFORE_FILING,
    PARTY_OF_ANOTHER_CASE,
    REFUSAL_NEEDS_GROUND,
    agreement_draw,
    agreement_sign,
    confirmation_apply,
    confirmation_decide,
    signatures_by_party,
)
from .in_case import (  # noqa: F401
    ENTRUSTED_NEEDS_CHAIN,
    NOT_YOUR_MEDIATION,
    ONLINE_NEEDS_CONSENT,
    SESSION_NEEDS_PLACE,
    mediation_end_in_case,
    mediation_start_in_case,
    session_schedule,
    statement_add,
)
from .prefiling import (  # noqa: F401
    ALREADY_MEDIATED,
    FAILURE_NEEDS_GROUND,
    MEDIATION_NOT_OPEN,
    MEDIATOR_ALREADY_NAMED,
    NEEDS_CONSENT,
    NOT_A_CHAIN_MEDIATOR,
    ONLY_FIRST_INSTANCE,
    mediation_extend,
    mediator_load,
    open_mediation,
    prefiling_appraisal,
    prefiling_assign,
    prefiling_divert,
    prefiling_fail,
    suggest_mediators,
)
