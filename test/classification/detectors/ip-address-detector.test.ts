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

  it('finds the address part of CIDR notation', () => {
    expect(matchedTexts(detector, 'subnet 10.0.0.0/24')).toEqual(['10.0.0.0']);
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
