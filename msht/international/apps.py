"""Criminal justice adviser deployments with their results and value for money.

Also mutual legal assistance, extradition and joint investigation teams linked to cases.
"""

from django.apps import AppConfig


class InternationalConfig(AppConfig):
    name = "msht.international"
    label = "international"
    verbose_name = "International work"

    def ready(self) -> None:
        from msht.cases.tabs import CASE_TABS, CaseTab

        if not any(tab.url_name == "international:case" for tab in CASE_TABS):
            CASE_TABS.append(CaseTab("International", "international:case", "international"))
