/**
 * A small gazetteer of common given names and surnames from many naming traditions. The NLP
 * library knows mostly English names; this list lets the detector recognise "Oluwaseun Adeyemi",
 * "Zhang Wei" or "Søren Kierkegaard" too. Entries are folded (lower case, no diacritics, see
 * `foldWord`), so "Müller", "MÜLLER" and "Muller" all match "muller". It is deliberately not
 * exhaustive: a hit is one piece of evidence, combined with the tagger and the context.
 */

const words = (list: string): ReadonlySet<string> => new Set(list.trim().split(/\s+/));

/** Folded given names: English, German, French, Spanish/Portuguese, Italian, Nordic, Slavic,
 * Arabic, Turkish, Persian, South Asian, Yoruba/Igbo/Hausa/Swahili, Chinese, Japanese, Korean,
 * Vietnamese. */
export const GIVEN_NAMES: ReadonlySet<string> = words(`
  james john robert michael william david richard joseph thomas charles christopher daniel matthew anthony
  mark donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward jason jeffrey ryan
  jacob gary nicholas eric jonathan stephen larry justin scott brandon benjamin samuel gregory alexander
  frank patrick raymond jack dennis jerry tyler aaron adam nathan henry peter zachary douglas harold kyle
  noah ethan liam oliver lucas mason logan owen luke isaac jayden dylan caleb connor evan tom tim mike
  bob rob bill steve dave chris matt nick ben sam alex tony jim joe dan andy greg jeff ken ted fred
  mary patricia jennifer linda elizabeth barbara susan jessica sarah karen lisa nancy betty margaret
  sandra ashley kimberly emily donna michelle carol amanda melissa deborah stephanie rebecca sharon laura
  cynthia kathleen amy angela shirley anna brenda pamela emma nicole helen samantha katherine christine
  debra rachel carolyn janet catherine maria heather diane ruth julie olivia joyce virginia victoria
  kelly lauren christina joan evelyn judith megan andrea cheryl hannah jacqueline martha gloria teresa
  ann sara madison frances kathryn janice jean abigail alice judy sophia isabella charlotte amelia mia
  harper ava chloe zoe zoey ella lucy grace rose lily kate jane beth jenny meg sue liz ellie
  hans klaus jurgen uwe dieter wolfgang helmut gerhard stefan andreas thomas markus matthias tobias
  lukas felix maximilian moritz jonas leon finn paul ursula ingrid heike petra sabine claudia birgit
  monika andrea katrin anja julia lena leonie laura johanna greta sophie
  jean pierre jacques michel philippe alain francois nicolas julien sebastien mathieu antoine louis
  hugo theo marie isabelle nathalie sylvie catherine francoise monique celine aurelie camille manon
  chloe juliette amelie margaux
  jose juan carlos luis miguel javier antonio manuel francisco pedro alejandro diego pablo sergio jorge
  rafael fernando ricardo andres raul alberto eduardo mateo santiago joao paulo thiago gabriel rodrigo
  maria carmen ana lucia isabel rosa pilar elena laura marta paula sofia valentina camila daniela
  gabriela fernanda mariana beatriz ines leticia
  giuseppe giovanni marco luca matteo alessandro francesco lorenzo andrea stefano davide riccardo
  giulia chiara francesca alessia martina elisa federica sara valentina
  soren lars anders nils erik henrik mikkel kasper jens bjorn magnus olaf sven knut ingrid astrid freja
  sigrid karin kirsten maja ida anne mette
  ivan dmitri dmitry sergei sergey vladimir alexei andrei mikhail nikolai pavel igor yuri oleg boris
  olga natasha natalia svetlana tatiana irina anastasia ekaterina katarzyna agnieszka piotr tomasz
  krzysztof marek jakub wojciech pawel lukasz malgorzata magdalena joanna jan jana petr martin tereza
  mohammed muhammad mohamed ahmed ahmad ali omar hassan hussein hussain ibrahim yusuf youssef khalid
  abdullah mustafa mahmoud tariq karim samir rami faisal fatima aisha ayesha khadija maryam mariam
  zainab layla leila noor nour salma amina yasmin zahra hana huda sara
  mehmet mustafa emre burak murat can cem elif zeynep ayse fatma emine merve reza ali mehdi hossein
  amir parisa maryam shirin
  raj rahul amit ankit vijay sanjay suresh ramesh rajesh arjun vikram aditya rohan ravi anil sunil
  deepak manoj arun krishna pradeep nikhil siddharth karan priya pooja anjali neha divya kavya
  lakshmi sunita anita deepa meera shreya ananya aishwarya riya sneha swati rani
  oluwaseun seun olumide oluwadamilare tunde babajide adebayo ayodele funmilayo folake yetunde
  chiamaka ngozi chidi chinedu emeka obinna ifeoma adaeze nneka uchenna kelechi chukwuemeka abubakar
  musa aminu bello ibrahim kwame kofi kwabena ama akosua abena yaw kojo wanjiru wanjiku kamau otieno
  achieng baraka amani juma zawadi tendai thabo sipho themba lerato nomvula
  wei fang jing min jun lei yan hui yang ping xin hao ming ying jie tao chao bo yu xiaoming xiaoli
  jian hong qiang lin mei xiu na li juan yi chen
  hiroshi takashi kenji akira satoshi yuki haruto sota ren yuto kenta daisuke takumi yuko yoko keiko
  akiko sakura hina yui aoi haruka naomi
  minjun seojun jiho jimin hyun soo young jin jae sung minho jisoo jiwoo seoyeon yuna
  anh minh thanh huong linh lan mai hoa tuan hung dung quang duc khanh trang ngoc phuong
`);

/** Folded surnames from the same traditions, plus common English and German ones. */
export const SURNAMES: ReadonlySet<string> = words(`
  smith johnson williams jones brown davis miller wilson moore taylor anderson thomas jackson white
  harris martin thompson garcia martinez robinson clark rodriguez lewis lee walker hall allen young
  hernandez king wright lopez hill scott green adams baker gonzalez gonzales nelson carter mitchell perez
  roberts turner phillips campbell parker evans edwards collins stewart sanchez morris rogers reed cook
  morgan bell murphy bailey rivera cooper richardson cox howard ward torres peterson gray ramirez james
  watson brooks kelly sanders price bennett wood barnes ross henderson coleman jenkins perry powell long
  patterson hughes flores washington butler simmons foster gonzales bryant alexander russell griffin
  diaz hayes myers ford hamilton graham sullivan wallace woods cole west jordan owens reynolds fisher
  ellis harrison gibson mcdonald cruz marshall ortiz gomez murray freeman wells webb simpson stevens
  tucker porter hunter hicks crawford henry boyd mason morales kennedy warren dixon ramos reyes burns
  gordon shaw holmes rice robertson hunt black daniels palmer mills nichols grant knight ferguson rose
  stone hawkins dunn perkins hudson spencer gardner stephens payne pierce berry matthews arnold wagner
  connor oconnor obrien osullivan murphy kennedy byrne ryan walsh doyle mccarthy quinn brennan
  muller mueller schmidt schneider fischer weber meyer wagner becker schulz hoffmann schafer koch
  bauer richter klein wolf schroder neumann schwarz zimmermann braun kruger hofmann hartmann lange
  schmitt werner krause meier lehmann schmid schulze maier kohler herrmann konig walter huber weiss
  dupont durand dubois moreau laurent simon michel lefebvre lefevre leroy roux david bertrand morel
  fournier girard bonnet dupuis lambert fontaine rousseau vincent muller faure andre mercier blanc
  garcia fernandez gonzalez rodriguez lopez martinez sanchez perez gomez martin jimenez ruiz hernandez
  diaz moreno alvarez munoz romero alonso gutierrez navarro torres dominguez vazquez ramos gil ramirez
  serrano blanco molina morales suarez ortega delgado castro ortiz rubio marin sanz iglesias nunez
  medina garrido silva santos oliveira souza sousa pereira costa ferreira almeida carvalho ribeiro
  rossi russo ferrari esposito bianchi romano colombo ricci marino greco bruno gallo conti deluca
  mancini costa giordano rizzo lombardi moretti
  kierkegaard jensen nielsen hansen pedersen andersen christensen larsen sorensen rasmussen petersen
  johansson karlsson nilsson eriksson larsson olsson persson svensson gustafsson hansen johansen
  olsen berg haugen virtanen korhonen nieminen
  ivanov smirnov kuznetsov popov sokolov lebedev kozlov novikov morozov petrov volkov nowak kowalski
  wisniewski wojcik kowalczyk kaminski lewandowski zielinski szymanski novak svoboda dvorak horvat
  alrashid rashid khan ahmed hussain hassan ali mahmoud abdullah ibrahim mansour haddad khalil
  nasser saleh hamdan farouk aziz karimi hosseini mohammadi rezaei ahmadi yilmaz kaya demir sahin
  celik yildiz yildirim ozturk aydin ozdemir arslan dogan
  patel sharma singh kumar gupta shah mehta reddy rao iyer nair menon pillai das bose banerjee
  chatterjee mukherjee joshi desai kapoor malhotra chopra verma agarwal jain mishra pandey chaudhary
  adeyemi adebayo okafor okonkwo eze nwosu obi ogunleye olawale balogun afolabi babatunde oyelaran
  adeleke bello abubakar okoro nwachukwu mensah owusu boateng asante osei kamau otieno mwangi ochieng
  njoroge kariuki dlamini nkosi ndlovu khumalo mokoena
  zhang wang li liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he lin gao luo zheng liang xie
  tang han cao deng feng zeng peng xiao cai pan tian dong yuan jiang du ye cheng wei su lu ding ren
  shen yao tan lau chan wong cheung leung ng ho yeung chow tsang
  sato suzuki takahashi tanaka watanabe ito yamamoto nakamura kobayashi kato yoshida yamada sasaki
  yamaguchi matsumoto inoue kimura hayashi shimizu
  kim lee park choi jung jeong kang cho yoon jang lim han oh seo shin kwon hwang ahn song
  nguyen tran le pham hoang phan vu vo dang bui do ho ngo duong ly
`);

/**
 * Surnames that come before the given name (Chinese, Korean, Vietnamese order), so a following
 * capitalised word can be the given name: "Zhang Wei", "Kim Minjun", "Nguyen Van Anh".
 */
export const FAMILY_NAME_FIRST: ReadonlySet<string> = words(`
  zhang wang li liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he lin gao luo zheng liang xie
  tang han cao deng feng zeng peng xiao cai pan tian dong yuan jiang du ye cheng su lu ding ren shen
  yao tan lau chan wong cheung leung ng kim lee park choi jung jeong kang cho yoon jang lim oh seo shin
  kwon hwang ahn song nguyen tran le pham hoang phan vu vo dang bui do ngo duong ly
`);

/** Lower-case particles inside names: "Ludwig van Beethoven", "Ali bin Hassan", "Maria da Silva". */
export const NAME_PARTICLES: ReadonlySet<string> = words(`
  van von der den de del della di da dos das du le la al el bin ibn ben bint ter ten zu
`);

/**
 * Lower case, diacritics removed, a trailing possessive dropped: the form gazetteer entries use.
 * Lengths differ from the original, so folded words are for lookups only, never for offsets.
 */
export function foldWord(word: string): string {
  return word
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/['’]s$/i, '')
    .replace(/['’-]/g, '')
    .replace(/ø/gi, 'o')
    .replace(/æ/gi, 'ae')
    .replace(/ß/g, 'ss')
    .toLowerCase();
}
