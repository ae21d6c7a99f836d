from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "msht.training"
    label = "training"
