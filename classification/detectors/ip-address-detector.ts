/**
 * IPv4 and IPv6 addresses, validated by validator's `isIP`; version strings, OIDs and private or
 * documentation ranges in CIDR notation are not.
 */
import validator from 'validator';
import type { DetectedEntity, Detector } from '../classifier.js';
import { scanCandidates } from './scan-candidates.js';
import { textAfter, textBefore } from './text-boundaries.js';

/*
 * Bounded, non-overlapping pieces (digits vs dots, hex vs colons), so matching is linear. A
 * candidate may not start after a word character or a dot (".4" of "1.2.3.4.5").
 */
const IPV4_CANDIDATE = /(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}/g;
const IPV6_CANDIDATE = /(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9A-Fa-f]{1,4})?/g;
/** What may not follow an address: more of the same dotted or colon-separated number. */
const CONTINUES_IPV4 = /^(?:\w|\.\d)/;
const CONTINUES_IPV6 = /^(?:[\w:]|\.\w)/;
/*
 * Loopback, "any" and netmask values identify no host or person and fill coding questions
 * ("listen on 0.0.0.0", "127.0.0.1:5432", "mask 255.255.255.0"), so they are not reported.
 */
const NON_IDENTIFYING_IPV4 = /^(?:127\.|0\.0\.0\.0$|255\.)/;
const NON_IDENTIFYING_IPV6 = new Set(['::1', '::0', '0:0:0:0:0:0:0:1', '0:0:0:0:0:0:0:0']);
/** "v1.2.3.4", "version: '1.2.3.4'", "section 1.2.3.4", "OID 1.3.101.110": numbered things, not hosts. */
const NUMBERING_CUE =
  /(?:\bv|\b(?:version|ver|release|build|firmware|section|chapter|clause|step|figure|table|rule|oid)\s{0,3}[:#=]?\s{0,3}['"`]?|§\s{0,2})$/i;
/** "from 4.1.2.3 to 5.0.0.1", "upgraded to 5.0.0.1": an upgrade names versions, not hosts. */
const UPGRADE_CUE =
  /(?:\bfrom\s+v?\d+(?:\.\d+)+\s+to|\b(?:upgrade[ds]?|upgrading|downgrade[ds]?|downgrading|bump(?:ed|ing|s)?)\s+(?:\S+\s+)?(?:to|from))\s+v?$/i;

/** A prefix length after an address: "/16". */
const CIDR_SUFFIX = /^\/\d{1,2}(?!\d)/;
/** Private (RFC 1918), shared (RFC 6598), link-local and documentation (RFC 5737) ranges, and 0.0.0.0/0. */
const NETWORK_RANGE = /^(?:10\.|192\.168\.|172\.(?:1[6-9]|2\d|3[01])\.|100\.(?:6[4-9]|[7-9]\d|1[01]\d|12[0-7])\.|169\.254\.|192\.0\.2\.|198\.51\.100\.|203\.0\.113\.|0\.0\.0\.0$)/;

/** Creates the detector for `IP_ADDRESS`. */
export function createIpAddressDetector(): Detector {
  const name = 'ip-address';
  return {
    name,
    entityTypes: ['IP_ADDRESS'],
    detect(text: string): DetectedEntity[] {
      const report = { type: 'IP_ADDRESS', detector: name } as const;
      const ipv6 = scanCandidates(text, IPV6_CANDIDATE, report, (match, _start, end) => {
        if (CONTINUES_IPV6.test(textAfter(text, end, 2))) return undefined;
        // "a::b" and "dead::beef" are valid IPv6 but far likelier to be code; real ones have digits.
        if (!/\d/.test(match[0]) || NON_IDENTIFYING_IPV6.has(match[0]) || !validator.isIP(match[0], 6)) return undefined;
        return { score: 0.85, reason: 'valid IPv6 address' };
      });
      // The IPv4 tail of "::ffff:192.0.2.1" is already part of an IPv6 finding. Both lists are in
      // text order, so one moving index keeps this linear.
      let next = 0;
      const insideIpv6 = (start: number): boolean => {
        while (next < ipv6.length && ipv6[next]!.end <= start) next += 1;
        return next < ipv6.length && ipv6[next]!.start <= start;
      };
      const ipv4 = scanCandidates(text, IPV4_CANDIDATE, report, (match, start, end) => {
        if (CONTINUES_IPV4.test(textAfter(text, end, 2)) || insideIpv6(start)) return undefined;
        // "10.0.0.0/16", "192.0.2.0/24": a private or documentation range names a network, not a host.
        if (CIDR_SUFFIX.test(textAfter(text, end, 4)) && NETWORK_RANGE.test(match[0])) return undefined;
        if (NON_IDENTIFYING_IPV4.test(match[0]) || NUMBERING_CUE.test(textBefore(text, start, 24)) || UPGRADE_CUE.test(textBefore(text, start, 48))) return undefined;
        if (!validator.isIP(match[0], 4)) return undefined;
        return { score: 0.85, reason: 'valid IPv4 address' };
      });
      return [...ipv6, ...ipv4].sort((left, right) => left.start - right.start);
    },
  };
}
