import { createDefaultClassifier } from './classification/default-classifier.js';
const c = createDefaultClassifier();
const samples = [
 'My card is 4111 1111 1111 1111, exp 12/25.',
 'How do I reverse a linked list in Python?',
 'Email john.doe@example.com or call +1 (415) 555-2671, UK office 020 7946 0018, Berlin 030 12345678, Paris 01 42 68 53 00.',
 'IBAN DE89 3704 0044 0532 0130 00 BIC COBADEFFXXX; GB82WEST12345698765432; bad DE89 3704 0044 0532 0130 01',
 'SSN 123-45-6789, 078-05-1120, 219-09-9999, 666-12-3456; ssn: 123456789; plain 123456789',
 'server 192.168.1.10, version 1.2.3.4, 1.2.3.4.5, v10.0.0.1, ipv6 2001:db8::ff00:42:8329 and fe80::1, std::vector, 12:30:45',
 'order 1700000000000 uuid 550e8400-e29b-41d4-a716-446655440000 isbn 978-3-16-148410-0 date 2024-01-15 15.01.2024 01/15/2024 order #123456789012',
 'OPENAI_API_KEY=sk-proj-Abc123def456GHI789jkl012MNO345pqr AKIAIOSFODNN7EXAMPLE ghp_' + 'a1B2'.repeat(9) + ' AIzaSyA1234567890abcdefghijklmnopqrstuv',
 'token eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U done',
 'password: hunter2\nDB_PASSWORD="correct horse battery"\npassword: string\nmy password is Summer2024! ok. the password is incorrect. postgres://admin:s3cr3tPass@db:5432/x',
 'my api key is 9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c and const accessTokenExpirySeconds2 = 3',
 '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\nVTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK\n-----END RSA PRIVATE KEY-----\n after',
 '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj\nand then the message was cut',
];
for (const s of samples) { const r = await c.classify(s); console.log(JSON.stringify(s.slice(0,50)), r.failure, r.ms.toFixed(1)); for (const e of r.entities) console.log('   ', e.type, JSON.stringify(s.slice(e.start,e.end)), e.score, e.detector, '|', e.reason); }
