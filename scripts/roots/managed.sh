# Setup for the "managed" fixture root: a Debian 12 GNOME workstation configured the way the
# charter asks, using each package's own tools where one exists. Runs inside the root (chroot) as
# root, from scripts/debian-root.sh --setup. CHARTER_USER is the regular user created before.
set -eu

# Firewall: what `ufw enable` records for boot (ufw cannot load rules inside a chroot).
sed -i 's/^ENABLED=.*/ENABLED=yes/' /etc/ufw/ufw.conf
grep -q '^DEFAULT_INPUT_POLICY="DROP"' /etc/default/ufw

# Automatic security updates, through the package's own debconf question.
echo 'unattended-upgrades unattended-upgrades/enable_auto_updates boolean true' | debconf-set-selections
dpkg-reconfigure -f noninteractive unattended-upgrades
cat /etc/apt/apt.conf.d/20auto-upgrades

# Central management: a Puppet agent pointed at a server, with one real local run so that
# last_run_summary.yaml exists (puppet apply writes it without a server).
puppet config set --section main server puppet.ctie.etat.lu
puppet apply --detailed-exitcodes -e 'notify { "charter fixture": }' || [ $? -eq 2 ]

# Screen lock enforced for every user through a locked system dconf database.
mkdir -p /etc/dconf/profile /etc/dconf/db/local.d/locks
printf 'user-db:user\nsystem-db:local\n' > /etc/dconf/profile/user
cat > /etc/dconf/db/local.d/00-screen-lock <<'CONF'
[org/gnome/desktop/session]
idle-delay=uint32 300

[org/gnome/desktop/screensaver]
lock-enabled=true
lock-delay=uint32 0
CONF
cat > /etc/dconf/db/local.d/locks/screen-lock <<'CONF'
/org/gnome/desktop/session/idle-delay
/org/gnome/desktop/screensaver/lock-enabled
/org/gnome/desktop/screensaver/lock-delay
CONF
dconf update

# SSH server: keys only, no root login.
cat > /etc/ssh/sshd_config.d/50-charter.conf <<'CONF'
PermitRootLogin no
PasswordAuthentication no
KbdInteractiveAuthentication no
CONF

# Persistent journal.
mkdir -p /var/log/journal
