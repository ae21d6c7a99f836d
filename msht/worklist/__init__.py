"""My work: tasks from time limits, reminders, notifications, bulk actions and saved views."""
