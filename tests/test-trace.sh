#!/bin/sh
# --trace through real network namespaces: this machine (h) → a router (r) → a target
# (t), IPv4 and IPv6. h's /etc/netns hosts file names the router and not the target, and
# its resolv.conf points at nothing, so no name is ever asked of a real DNS server. Also
# a route on which nothing answers after the router, and a router whose firewall answers
# for the target, "port unreachable", as the target itself would.
set -eu

if [ "$(id -u)" -ne 0 ]; then
  if [ -n "${MCI_TEST_REQUIRE_ALL:-}" ]; then
    echo "test-trace: needs root to make network namespaces, and skipping is not allowed" >&2
    exit 1
  fi
  echo "test-trace: skipped: needs root to make network namespaces"
  exit 77
fi
for command in iptables ip6tables; do
  if ! command -v "$command" >/dev/null; then
    if [ -n "${MCI_TEST_REQUIRE_ALL:-}" ]; then
      echo "test-trace: needs $command for the router's firewall, and skipping is not allowed" >&2
      exit 1
    fi
    echo "test-trace: skipped: needs $command for the router's firewall"
    exit 77
  fi
done

h=mci-h-$$ r=mci-r-$$ t=mci-t-$$
cleanup () {
  for ns in $h $r $t; do ip netns del "$ns" 2>/dev/null || true; done
  rm -rf "/etc/netns/$h"
}
trap cleanup EXIT

for ns in $h $r $t; do
  ip netns add "$ns"
  # no duplicate address detection: link-local addresses would be unusable for a second
  ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0
  ip -n "$ns" link set lo up
done
ip link add hr0 netns "$h" type veth peer name rh0 netns "$r"
ip link add rt0 netns "$r" type veth peer name tr0 netns "$t"
ip -n "$h" addr add 198.51.100.1/30 dev hr0
ip -n "$r" addr add 198.51.100.2/30 dev rh0
ip -n "$r" addr add 198.51.100.5/30 dev rt0
ip -n "$t" addr add 198.51.100.6/30 dev tr0
ip -n "$h" addr add 2001:db8:1::1/64 dev hr0 nodad
ip -n "$r" addr add 2001:db8:1::2/64 dev rh0 nodad
ip -n "$r" addr add 2001:db8:2::1/64 dev rt0 nodad
ip -n "$t" addr add 2001:db8:2::2/64 dev tr0 nodad
ip -n "$h" link set hr0 up
ip -n "$r" link set rh0 up
ip -n "$r" link set rt0 up
ip -n "$t" link set tr0 up
ip -n "$h" route add default via 198.51.100.2
ip -n "$t" route add default via 198.51.100.5
ip -n "$h" -6 route add default via 2001:db8:1::2
ip -n "$t" -6 route add default via 2001:db8:2::1
# 203.0.113.0/24 goes on to the target, which does not forward: it drops it, silently
ip -n "$r" route add 203.0.113.0/24 via 198.51.100.6
for ns in $r $t; do
  ip netns exec "$ns" sysctl -qw net.ipv4.icmp_ratelimit=0 net.ipv6.icmp.ratelimit=0
done
ip netns exec "$r" sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1
mkdir -p "/etc/netns/$h"
printf '127.0.0.1 localhost\n198.51.100.2 router.example\n2001:db8:1::2 router6.example\n' \
  > "/etc/netns/$h/hosts"
printf 'nameserver 127.0.0.1\noptions timeout:1 attempts:1\n' > "/etc/netns/$h/resolv.conf"

# a veth end carries packets once the kernel calls it up: wait for that, 5 s at most
wait_up () {
  tries=0
  until ip -n "$1" -o link show dev "$2" | grep -q 'state UP'; do
    tries=$((tries + 1))
    if [ "$tries" -gt 100 ]; then
      echo "test-trace: $2 in $1 did not come up" >&2
      exit 1
    fi
    sleep 0.05
  done
}
wait_up "$h" hr0
wait_up "$r" rh0
wait_up "$r" rt0
wait_up "$t" tr0

failures=0
expect () {
  if printf '%s\n' "$2" | grep -qE "$3"; then
    echo "ok: $1"
  else
    echo "FAILED: $1: no line matching /$3/ in:"
    printf '%s\n' "$2"
    failures=$((failures + 1))
  fi
}
expect_none () {
  if printf '%s\n' "$2" | grep -qE "$3"; then
    echo "FAILED: $1: a line matches /$3/ in:"
    printf '%s\n' "$2"
    failures=$((failures + 1))
  else
    echo "ok: $1"
  fi
}
trace () {
  ip netns exec "$h" "$MCI_BINARY" --trace "$@" --probe-timeout 400 --resolve-timeout 2
}

# Neighbour discovery makes the very first IPv6 probes of a new link go unanswered
# (tracepath shows the same): one trace each way first, for the caches.
trace 198.51.100.6 --max-hops 3 -n >/dev/null
trace 2001:db8:2::2 --max-hops 3 -n >/dev/null

out=$(trace 198.51.100.6 --max-hops 5)
expect "IPv4: hop 1 is the router, named" "$out" '^  1  198\.51\.100\.2 +router\.example '
expect "IPv4: hop 2 is the target" "$out" '^  2  198\.51\.100\.6 .*\(the target\)$'
expect "IPv4: the router is the last named hop" "$out" \
  '^Last named hop: router\.example \(198\.51\.100\.2\), hop 1$'

out=$(trace 2001:db8:2::2 --max-hops 5)
expect "IPv6: hop 1 is the router, named" "$out" '^  1  2001:db8:1::2 +router6\.example '
expect "IPv6: hop 2 is the target" "$out" '^  2  2001:db8:2::2 .*\(the target\)$'
expect "IPv6: the router is the last named hop" "$out" \
  '^Last named hop: router6\.example \(2001:db8:1::2\), hop 1$'

out=$(trace 203.0.113.7 --max-hops 4)
expect "silent: the router answers" "$out" '^  1  198\.51\.100\.2 +router\.example '
expect "silent: then nothing" "$out" '^  4  \*$'
expect "silent: it ends at the hop limit, said plainly" "$out" \
  '^The target did not answer within 4 hops\.$'
expect "silent: the router is still the last named hop" "$out" \
  '^Last named hop: router\.example \(198\.51\.100\.2\), hop 1$'

# From here on the router refuses every probe it would forward to the target, in the
# target's place, as a firewall that rejects does: a probe whose time runs out at the
# router still hears "time exceeded" (hop 1), the next hears "port unreachable" from the
# router (hop 2). Only an answer from the target's own address makes a hop the target.
ip netns exec "$r" iptables -A FORWARD -d 198.51.100.6 -p udp \
  -j REJECT --reject-with icmp-port-unreachable
ip netns exec "$r" ip6tables -A FORWARD -d 2001:db8:2::2 -p udp \
  -j REJECT --reject-with icmp6-port-unreachable

out=$(trace 198.51.100.6 --max-hops 5)
expect "IPv4 refused: hop 1 is the router" "$out" \
  '^  1  198\.51\.100\.2 +router\.example +[0-9.]+ ms$'
expect "IPv4 refused: hop 2 is the router, refusing" "$out" \
  '^  2  198\.51\.100\.2 +router\.example .*\(refused: not the target\)$'
expect_none "IPv4 refused: nothing is called the target" "$out" '\(the target\)'
expect_none "IPv4 refused: the trace ends there" "$out" '^  3 '
expect "IPv4 refused: the target was not reached, said plainly" "$out" \
  '^The target was not reached: 198\.51\.100\.2 refused the probes at hop 2\.$'

out=$(trace 2001:db8:2::2 --max-hops 5)
expect "IPv6 refused: hop 1 is the router" "$out" \
  '^  1  2001:db8:1::2 +router6\.example +[0-9.]+ ms$'
expect "IPv6 refused: hop 2 is the router, refusing" "$out" \
  '^  2  2001:db8:1::2 +router6\.example .*\(refused: not the target\)$'
expect_none "IPv6 refused: nothing is called the target" "$out" '\(the target\)'
expect_none "IPv6 refused: the trace ends there" "$out" '^  3 '
expect "IPv6 refused: the target was not reached, said plainly" "$out" \
  '^The target was not reached: 2001:db8:1::2 refused the probes at hop 2\.$'

exit $((failures > 0))
