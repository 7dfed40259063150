"""Practice (luyện tập): untimed, unranked questions whose answers are already public."""
