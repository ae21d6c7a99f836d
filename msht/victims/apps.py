from django.apps import AppConfig


class VictimsConfig(AppConfig):
    name = "msht.victims"
    label = "victims"
    verbose_name = "Victims and witnesses"

    def ready(self) -> None:
        from msht.cases.tabs import CASE_TABS, CaseTab

        if not any(tab.url_name == "victims:case" for tab in CASE_TABS):
            CASE_TABS.append(CaseTab("Victims and witnesses", "victims:case", "victims"))
