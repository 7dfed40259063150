"""Personal data as Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15 and Nghị định
356/2025/NĐ-CP ask: consent at registration, the CCCD kept as a keyed hash,
phones masked, a person's data downloadable and deletable, retention limited."""
