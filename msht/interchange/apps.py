from django.apps import AppConfig


class InterchangeConfig(AppConfig):
    name = "msht.interchange"
    label = "interchange"

    def ready(self) -> None:
        from msht.cases.tabs import CASE_TABS, CaseTab

        if not any(tab.url_name == "interchange:case-export" for tab in CASE_TABS):
            CASE_TABS.append(CaseTab("Export", "interchange:case-export", "export"))
