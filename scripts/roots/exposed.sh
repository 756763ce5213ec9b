# Setup for the "exposed" fixture root: a Debian 12 GNOME workstation with the mistakes the
# charter is about, each made with the real tool. Runs inside the root (chroot) as root, from
# scripts/debian-root.sh --setup. CHARTER_USER is the regular user created before.
set -eu

# A security update left pending: libssl3 and openssl back at the bookworm (main) version while
# bookworm-security has a newer one. apt-cache madison prints "pkg | version | source".
main_version=$(apt-cache madison libssl3 | awk -F' [|] ' '$3 ~ /bookworm\/main/ && $3 !~ /security|updates/ { print $2; exit }')
security_version=$(apt-cache madison libssl3 | awk -F' [|] ' '$3 ~ /bookworm-security/ { print $2; exit }')
echo "libssl3: main $main_version, security $security_version"
[ -n "$main_version" ] && [ -n "$security_version" ]
apt-get install -y --allow-downgrades --no-install-recommends "libssl3=$main_version" "openssl=$main_version"

# Automatic login of the user at the graphical greeter (LightDM), and its password emptied.
mkdir -p /etc/lightdm/lightdm.conf.d
printf '[Seat:*]\nautologin-user=%s\nautologin-user-timeout=0\n' "$CHARTER_USER" > /etc/lightdm/lightdm.conf.d/50-autologin.conf
passwd -d "$CHARTER_USER"

# A second account with user id 0.
useradd -o -u 0 -g 0 -M -d /root -s /bin/bash toor

# Screen lock off for every user by default (system dconf database, not locked).
mkdir -p /etc/dconf/profile /etc/dconf/db/local.d
printf 'user-db:user\nsystem-db:local\n' > /etc/dconf/profile/user
cat > /etc/dconf/db/local.d/00-screen-lock <<'CONF'
[org/gnome/desktop/session]
idle-delay=uint32 0

[org/gnome/desktop/screensaver]
lock-enabled=false
CONF
dconf update

# ufw is installed but left disabled (its default); the SSH server keeps Debian's defaults.
grep -q '^ENABLED=no' /etc/ufw/ufw.conf
