"""The audience groups a person declares at registration and a contest's
prize groups rank (domain vocabulary that both accounts and contests use)."""

AUDIENCES = {
    "cbccvc": "Cán bộ, công chức, viên chức",
    "citizen": "Người dân",
    "student": "Học sinh, sinh viên",
    "business": "Doanh nghiệp",
    "armed_forces": "Lực lượng vũ trang",
    "other": "Khác",
}
