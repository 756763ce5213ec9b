ufw --force enable
ufw status verbose
