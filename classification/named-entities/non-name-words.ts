/**
 * Word lists that guard against false positives and supply context cues. All entries are folded
 * (see `foldWord`): lower case, no diacritics.
 */

const words = (list: string): ReadonlySet<string> => new Set(list.trim().split(/\s+/));

/**
 * Frequent English words that start sentences or fill ALL-CAPS headers. Capitalised, they look
 * like names ("Will you...", "May I...", "CALL JOHN NOW"), so they never extend a name and a
 * name-list hit on one of them needs more evidence.
 */
export const COMMON_WORDS: ReadonlySet<string> = words(`
  a an the this that these those it its we you he she they i me my our your his her their them us
  there here what when where why how who whom which whose please can could would should will shall may
  might must do does did done is are was were be been being am have has had having if in on at for to
  from with without by of off into onto over under about above below after before during since until
  and but or nor so yet not no yes ok okay all some any each every both either neither none also then
  now today tonight tomorrow yesterday thanks thank hi hello hey dear re fw fwd subject note notes
  let lets make use add get got set see look call called calls ask asked tell told send sent say said
  read write check run fix help need needs want wants like just only even still very really new old
  good great best better bad big small high low first last next same other another such much many more
  most less least few one two three four five six seven eight nine ten hundred thousand
  urgent important warning error info update meeting memo report team office department support
  asap fyi eod eta tbd pls thx imo btw
  customer service services sales billing admin administrator helpdesk desk operations management
  staff hr it legal finance security accounts account manager director user users system world
  contact attention notice reminder hours day week month year time morning evening afternoon
  mr mrs ms dr from to cc bcc date sent attached attachment regarding re meeting agenda summary
  grace hope faith joy rose lily daisy summer autumn dawn eve sky rain art frank sue pat jack ray
  gene guy max sunny chase hunter drew miles page chance bill mark will can long young king park
  white black brown green gray grey rich ma he sun lee li do
`);

/** Month and weekday names and abbreviations: never a person, place or organisation alone. */
export const MONTHS_AND_DAYS: ReadonlySet<string> = words(`
  january february march april may june july august september october november december
  jan feb mar apr jun jul aug sep sept oct nov dec
  monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun
`);

/**
 * Products, assistants, models and tools that taggers mistake for people or organisations when
 * they stand alone ("Ask Alexa", "run Docker"). A longer name that contains one still counts.
 */
export const PRODUCT_AND_TECH_NAMES: ReadonlySet<string> = words(`
  alexa siri cortana bixby jarvis chatgpt gpt claude gemini bard llama ollama mistral copilot
  iphone ipad macbook android windows linux ubuntu debian fedora macos ios chrome firefox safari
  python java javascript typescript ruby rust golang kotlin swift scala perl php haskell elixir
  django flask react angular vue svelte node nodejs deno docker kubernetes helm terraform ansible
  redis postgres postgresql mysql sqlite mongodb kafka spark hadoop jenkins nginx apache
  excel word outlook powerpoint teams slack zoom jira confluence github gitlab bitbucket notion
  figma trello asana temporal vitest jest npm yarn webpack vite
`);

/**
 * Common technical and business acronyms that taggers mark as organisations ("the VPC", "SSN
 * masking", "our CRM"). Alone they name a kind of thing, not an organisation.
 */
export const COMMON_ACRONYMS: ReadonlySet<string> = words(`
  api apis vpc vpn vpns crm erp ssn ssns sso dns nat cpu gpu ram rom sql nosql http https url urls uri pdf csv json xml yaml
  html css hr it qa kpi kpis okr okrs roi sla slas sdk cli ui ux ai ml llm llms faq faqs ceo cto cfo coo cio ciso vp pr eta
  eod fyi asap tbd iban mrn dob npi pii phi gdpr hipaa soc vat gst ebitda arr mrr saas paas iaas iam tls ssl ssh vm vms os
  ip tcp udp lan wan cdn ci cd po sku skus ean upc isbn id ids pin otp mfa rbac acl acls jwt oauth saml ldap smtp imap ftp
  sftp rest grpc dto orm ide repo pr prs mvp poc rfc rfp nda ndas sow msa dpa p&l cogs capex opex
`);

/** Titles before a name (folded, without the trailing dot). "M" counts only as "M." (French). */
export const HONORIFICS: ReadonlySet<string> = words(`
  mr mrs ms miss mx dr prof professor sir dame lord lady herr frau fraulein m mme mlle monsieur
  madame mademoiselle sr sra srta senor senora senorita don dona sig signor signora signorina dott
  dottore dottoressa rev reverend fr father sister brother capt captain col colonel gen general
  lt sgt officer judge justice
`);

/**
 * Words that end an organisation name: "Acme Corp", "Siemens AG", "Mayo Clinic". A run of
 * capitalised words before one is an organisation even when the tagger does not know it.
 */
export const ORGANIZATION_SUFFIXES: ReadonlySet<string> = words(`
  inc incorporated ltd limited llc llp plc corp corporation co company gmbh ag sa sas sarl bv nv
  spa srl kk group holdings bank university college hospital clinic institute foundation agency
  ministry council partners associates labs laboratories technologies systems pharmaceuticals pharma
  insurance capital ventures consulting solutions
`);

/** Sign-offs (as written, matched case-insensitively) that put the writer's name on the next line. */
export const CLOSINGS: readonly string[] = [
  'regards', 'best regards', 'kind regards', 'warm regards', 'warmest regards', 'best wishes',
  'best', 'thanks', 'thank you', 'many thanks', 'cheers', 'sincerely', 'yours sincerely',
  'yours truly', 'yours faithfully', 'respectfully', 'cordially', 'all the best',
  'mit freundlichen grüßen', 'viele grüße', 'liebe grüße', 'gruß', 'cordialement',
  'bien cordialement', 'bien à vous', 'saludos', 'atentamente', 'un saludo', 'cordiali saluti',
  'distinti saluti', 'met vriendelijke groet', 'med venlig hilsen', 'hilsen', 'vänliga hälsningar',
];

/**
 * Methods, tests and theorems named after their authors ("Miller-Rabin", "Diffie-Hellman"): a
 * surname there names an algorithm, not a person. Folded and hyphen-joined, as written.
 */
export const EPONYMOUS_METHODS: ReadonlySet<string> = words(`
  miller-rabin solovay-strassen diffie-hellman rivest-shamir-adleman reed-solomon boyer-moore
  knuth-morris-pratt rabin-karp aho-corasick needleman-wunsch smith-waterman cooley-tukey
  bellman-ford floyd-warshall ford-fulkerson edmonds-karp lempel-ziv lempel-ziv-welch fisher-yates
  damerau-levenshtein runge-kutta gauss-seidel gauss-jordan gram-schmidt newton-raphson
  levenberg-marquardt nelder-mead cauchy-schwarz navier-stokes black-scholes kaplan-meier
  mann-whitney kolmogorov-smirnov shapiro-wilk kruskal-wallis benjamini-hochberg hodgkin-huxley
  michaelis-menten henderson-hasselbalch hartree-fock lotka-volterra box-muller mersenne-twister
  blum-blum-shub schnorr-lamport bresenham-wu catmull-rom
`);
