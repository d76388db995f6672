import { describe, expect, it } from 'vitest';
import { createIpAddressDetector } from '../../../classification/detectors/ip-address-detector.js';
import { matchedTexts } from '../detector-fixtures.js';

const detector = createIpAddressDetector();

describe('IP address detector', () => {
  it.each([
    ['a private IPv4', '192.168.1.10'],
    ['a public IPv4', '8.8.8.8'],
    ['IPv6 compressed', '2001:db8::ff00:42:8329'],
    ['IPv6 full', '2001:0db8:85a3:0000:0000:8a2e:0370:7334'],
    ['IPv6 link-local', 'fe80::1'],
    ['IPv4-mapped IPv6', '::ffff:192.0.2.1'],
  ])('finds %s with an exact span', (_label, address) => {
    expect(matchedTexts(detector, `host ${address} is down.`)).toEqual([address]);
  });

  it('finds the address part of CIDR notation for a public range', () => {
    expect(matchedTexts(detector, 'block 81.2.69.0/24 at the firewall')).toEqual(['81.2.69.0']);
  });

  it.each([
    ['a private range', 'Our VPC uses 10.0.0.0/16; how do I add a subnet?'],
    ['another private range', 'peer 172.16.0.0/12 and 192.168.0.0/24'],
    ['a documentation range', 'e.g. 203.0.113.0/24 in the docs'],
    ['the default route', 'route 0.0.0.0/0 to the NAT gateway'],
    ['an upgrade between version strings', 'After upgrading from 4.1.1.1 to 5.0.0.1 the plugin API changed.'],
  ])('does not report %s (a network or a version, not a host)', (_label, text) => {
    expect(detector.detect(text)).toEqual([]);
  });

  it('still reports a private address without a prefix length', () => {
    expect(matchedTexts(detector, 'ssh into 10.0.1.17 please')).toEqual(['10.0.1.17']);
  });

  it.each([
    ['a five-part dotted number', 'OID 1.2.3.4.5'],
    ['a version string after "version"', 'upgrade to version 1.2.3.4'],
    ['a v-prefixed version', 'release v1.2.3.4'],
    ['a section number', 'see section 1.2.3.4'],
    ['an object identifier', 'x25519 (OID 1.3.101.110)'],
    ['a quoted version value', "version: '11.3.244.8'"],
    ['an octet over 255', '256.1.1.1'],
    ['octets with leading zeros', '01.02.03.04'],
    ['a time of day', 'at 12:30:45'],
    ['a MAC address', '00:1A:2B:3C:4D:5E'],
    ['C++ scope resolution', 'std::vector<int>'],
    ['hex words that form a valid IPv6', 'dead::beef'],
    ['the IPv4 loopback', 'connect to 127.0.0.1:5432'],
    ['the IPv6 loopback', 'listen on [::1]:8080'],
    ['the IPv6 any-address', "bind '::0'"],
    ['the any-address', 'bind 0.0.0.0'],
    ['a netmask', 'mask 255.255.255.0'],
  ])('rejects %s', (_label, text) => {
    expect(detector.detect(text)).toEqual([]);
  });
});
