from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo court (蓝田县人民法院, 陕0122): its planner, its replay through the case services and the
    generate_demo command. No models."""

    name = "court.demo"
    label = "demo"
    verbose_name = _("Demo court")
