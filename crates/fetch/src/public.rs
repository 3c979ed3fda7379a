//! Which IP addresses are on the public internet. A government portal is; the machine itself, the
//! office network, a router's admin page or a cloud's metadata service are not, and a list of
//! addresses (or a redirect in it) must not make the tool ask them (`--allow-private` does).
//!
//! std's `IpAddr::is_global` is not stable; the ranges are IANA's special-purpose registries
//! (RFC 6890 and its updates), the ones an ordinary fetch must not reach.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// Why an address is not public.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NonPublic {
    /// 0.0.0.0/8, `::`: "this host".
    Unspecified,
    /// 127.0.0.0/8, `::1`.
    Loopback,
    /// 10/8, 172.16/12, 192.168/16 (RFC 1918), 100.64/10 (carrier-grade NAT).
    Private,
    /// 169.254/16, fe80::/10 (a cloud's metadata service is here).
    LinkLocal,
    /// fc00::/7 (IPv6's private addresses), fec0::/10 (its old site-local ones).
    UniqueLocal,
    /// 224/4, ff00::/8.
    Multicast,
    /// Documentation, benchmarking, protocol assignments, 240/4, broadcast, discard-only: no
    /// portal is there.
    Reserved,
}

impl NonPublic {
    /// The kind's id in the message catalogue (`fetch-kind-…`).
    pub fn id(self) -> &'static str {
        match self {
            NonPublic::Unspecified => "fetch-kind-unspecified",
            NonPublic::Loopback => "fetch-kind-loopback",
            NonPublic::Private => "fetch-kind-private",
            NonPublic::LinkLocal => "fetch-kind-link-local",
            NonPublic::UniqueLocal => "fetch-kind-unique-local",
            NonPublic::Multicast => "fetch-kind-multicast",
            NonPublic::Reserved => "fetch-kind-reserved",
        }
    }
}

/// `None` when `ip` is a public address, else what it is.
pub fn non_public(ip: IpAddr) -> Option<NonPublic> {
    match ip {
        IpAddr::V4(v4) => v4_kind(v4),
        IpAddr::V6(v6) => v6_kind(v6),
    }
}

fn v4_kind(ip: Ipv4Addr) -> Option<NonPublic> {
    let [a, b, c, _] = ip.octets();
    Some(match (a, b, c) {
        (0, _, _) => NonPublic::Unspecified,
        (127, _, _) => NonPublic::Loopback,
        (10, _, _) | (172, 16..=31, _) | (192, 168, _) | (100, 64..=127, _) => NonPublic::Private,
        (169, 254, _) => NonPublic::LinkLocal,
        (224..=239, _, _) => NonPublic::Multicast,
        // 192.0.0/24 protocol assignments, 192.0.2/24, 198.51.100/24 and 203.0.113/24
        // documentation, 198.18/15 benchmarking, 192.88.99/24 the retired 6to4 relay, 240/4
        // reserved (and 255.255.255.255).
        (192, 0, 0 | 2) | (198, 51, 100) | (203, 0, 113) | (198, 18..=19, _) | (192, 88, 99) => {
            NonPublic::Reserved
        }
        (240..=255, _, _) => NonPublic::Reserved,
        _ => return None,
    })
}

fn v6_kind(ip: Ipv6Addr) -> Option<NonPublic> {
    if ip.is_unspecified() {
        return Some(NonPublic::Unspecified);
    }
    if ip.is_loopback() {
        return Some(NonPublic::Loopback);
    }
    // An IPv4 address written as IPv6 goes where its IPv4 address goes: mapped (::ffff:a.b.c.d),
    // the old compatible form (::a.b.c.d), NAT64 (64:ff9b::/96) and 6to4 (2002:a.b.c.d::/48).
    if let Some(v4) = ip.to_ipv4_mapped() {
        return v4_kind(v4);
    }
    let s = ip.segments();
    if s[..6] == [0; 6] {
        return v4_kind(Ipv4Addr::from_bits(ip.to_bits() as u32));
    }
    if s[..6] == [0x64, 0xff9b, 0, 0, 0, 0] {
        return v4_kind(Ipv4Addr::from_bits(ip.to_bits() as u32));
    }
    if s[0] == 0x2002 {
        return v4_kind(Ipv4Addr::new(
            (s[1] >> 8) as u8,
            s[1] as u8,
            (s[2] >> 8) as u8,
            s[2] as u8,
        ));
    }
    Some(match s[0] {
        0xfc00..=0xfdff => NonPublic::UniqueLocal,
        0xfec0..=0xfeff => NonPublic::UniqueLocal,
        0xfe80..=0xfebf => NonPublic::LinkLocal,
        0xff00..=0xffff => NonPublic::Multicast,
        // 2001:db8::/32 documentation, 2001::/23 protocol assignments (Teredo among them),
        // 100::/64 discard-only, 64:ff9b:1::/48 local NAT64.
        0x2001 if s[1] < 0x0200 || s[1] == 0x0db8 => NonPublic::Reserved,
        0x0100 if s[1..4] == [0, 0, 0] => NonPublic::Reserved,
        0x0064 if s[1] == 0xff9b && s[2] == 1 => NonPublic::Reserved,
        // Only 2000::/3 is allocated for unicast on the internet.
        0x2000..=0x3fff => return None,
        _ => NonPublic::Reserved,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(s: &str) -> Option<NonPublic> {
        non_public(s.parse().unwrap_or_else(|e| panic!("{s}: {e}")))
    }

    #[test]
    fn public_addresses_of_portals_pass() {
        // Addresses of the kind Chinese portals and CDNs have, and well-known public resolvers.
        for ip in [
            "202.100.80.1",
            "61.178.1.1",
            "114.114.114.114",
            "8.8.8.8",
            "1.1.1.1",
            "100.63.255.255",
            "100.128.0.0",
            "172.15.255.255",
            "172.32.0.0",
            "192.169.0.1",
            "223.255.255.255",
            "2400:da00::6666",
            "2001:4860:4860::8888",
            "2409:8c00::1",
            "::ffff:202.100.80.1",
            "2002:ca64:5001::1",
        ] {
            assert_eq!(kind(ip), None, "{ip} is public");
        }
    }

    #[test]
    fn every_kind_of_non_public_address_is_named() {
        use NonPublic::*;
        for (ip, want) in [
            ("0.0.0.0", Unspecified),
            ("0.1.2.3", Unspecified),
            ("::", Unspecified),
            ("127.0.0.1", Loopback),
            ("127.255.0.9", Loopback),
            ("::1", Loopback),
            ("::ffff:127.0.0.1", Loopback),
            ("10.0.0.1", Private),
            ("172.16.0.1", Private),
            ("172.31.255.254", Private),
            ("192.168.1.1", Private),
            ("100.64.0.1", Private),
            ("::ffff:192.168.0.1", Private),
            ("64:ff9b::a00:1", Private),
            ("2002:c0a8:0101::1", Private),
            ("169.254.169.254", LinkLocal),
            ("fe80::1", LinkLocal),
            ("fd00:ec2::254", UniqueLocal),
            ("fc00::1", UniqueLocal),
            ("fec0::1", UniqueLocal),
            ("224.0.0.1", Multicast),
            ("ff02::1", Multicast),
            ("192.0.2.1", Reserved),
            ("198.51.100.7", Reserved),
            ("203.0.113.9", Reserved),
            ("198.18.0.1", Reserved),
            ("240.0.0.1", Reserved),
            ("255.255.255.255", Reserved),
            ("2001:db8::1", Reserved),
            ("2001::1", Reserved),
            ("100::1", Reserved),
            ("4000::1", Reserved),
        ] {
            assert_eq!(kind(ip), Some(want), "{ip}");
        }
    }
}
