/**
 * @module generate/offences — the offence texts the synthetic DOJ generator draws from.
 *
 * Spellings follow the DOJ research file as described in gogen-behaviour.md (§3, §5.7): section, code,
 * hyphen, description, with the real-world irregularities a reader must survive (glued codes, a missing
 * `HS-`, spaced hyphens, attempt prefixes). The tables are data so that tests and documentation can
 * refer to them.
 */

/** Type of charge as the DOJ records it: felony, misdemeanour or a wobbler (either). */
export type ChargeLevel = "F" | "M" | "W";

/** One offence text with its usual level and relative frequency within its table. */
export interface OffenceSpec {
  readonly descr: string;
  readonly level: ChargeLevel;
  readonly weight: number;
}

const o = (descr: string, level: ChargeLevel, weight = 1): OffenceSpec => ({ descr, level, weight });

/** Prop 64 offences (HS 11357–11360) in their various spellings. */
export const PROP64_OFFENCES: readonly OffenceSpec[] = [
  o("11357 HS-POSSESSION OF MARIJUANA", "M", 4),
  o("11357(A) HS-POSSESS CONCENTRATED CANNABIS", "W", 2),
  o("11357(B) HS-POSSESS 28.5 GRAMS OR LESS MARIJUANA", "M", 3),
  o("11357(C) HS-POSSESS MORE THAN 28.5 GRAMS MARIJUANA", "M", 2),
  o("11357(D) HS-POSSESS MARIJUANA ON SCHOOL GROUNDS", "M", 1),
  o("11357A HS-POSSESS CONCENTRATED CANNABIS", "W", 1),
  o("11357B2 HS-POSSESS MARIJUANA", "M", 1),
  o("11357(C)HS-POSSESS MORE THAN 28.5 GRAMS MARIJUANA", "M", 1),
  o("11358 HS-CULTIVATE MARIJUANA/HASHISH", "W", 3),
  o("11358(C) HS-PLANT/CULTIVATE/ETC MARIJUANA", "W", 1),
  o("11359 HS-POSSESS MARIJUANA/HASHISH FOR SALE", "W", 4),
  o("11359(A) HS-POSSESS MARIJUANA FOR SALE", "W", 1),
  o("11359(B) HS-POSSESS MARIJUANA FOR SALE", "W", 2),
  o("11359(C) HS-POSSESS MARIJUANA FOR SALE", "W", 1),
  o("11359B HS-POSSESS MARIJUANA FOR SALE", "W", 1),
  o("11360 HS-SELL/TRANSPORT/ETC MARIJUANA/HASH", "F", 4),
  o("11360(A) HS-SELL/TRANSPORT/ETC MARIJUANA/HASH", "W", 3),
  o("11360(A)(2) HS-SELL/TRANSPORT/ETC MARIJUANA/HASH", "W", 1),
  o("11360(B) SELL/FURNISH/ETC MARIJUANA/HASH", "M", 1),
  o("11360A HS-SELL/TRANSPORT/ETC MARIJUANA/HASH", "W", 1),
  o("11360A2 HS-SELL/TRANSPORT/ETC MARIJUANA/HASH", "W", 1),
  o("11360 HS - TRANSPORT/SELL MARIJUANA", "F", 1),
];

/** Attempted Prop 64 offences (PC 664), glued, hyphenated and slashed. */
export const ATTEMPT_OFFENCES: readonly OffenceSpec[] = [
  o("664-11359 HS-ATTEMPT POSSESS MARIJUANA FOR SALE", "W", 2),
  o("664/11357 HS-ATTEMPT POSSESS MARIJUANA", "M", 2),
  o("664/11360(A) HS-ATTEMPT SELL/TRANSPORT MARIJUANA", "W", 1),
  o("664.11358 HS-ATTEMPT CULTIVATE MARIJUANA", "W", 1),
  o("664-11357(C) HS-ATTEMPT POSSESS MARIJUANA", "M", 1),
];

/** The conspiracy charge; its comment sometimes names the target offence. */
export const CONSPIRACY_OFFENCE: OffenceSpec = o("182(A)(1) PC-CONSPIRACY", "F");

/** Comments naming the object of a conspiracy (the conspiracy row's COMMENT_TEXT, sometimes). */
export const CONSPIRACY_COMMENTS: readonly string[] = [
  "CONSPIRACY TO COMMIT 11359 HS",
  "182(A)(1) PC/11359 HS",
  "CONSP 11360(A) HS",
];

/** Charges often filed together with a Prop 64 charge ("related" in gogen-behaviour.md §3.4 and kin). */
export const RELATED_OFFENCES: readonly OffenceSpec[] = [
  o("11364 HS-POSSESS CONTROLLED SUBSTANCE PARAPHERNALIA", "M", 4),
  o("11364(A) HS-POSSESS CONTROLLED SUBSTANCE PARAPHERNALIA", "M", 1),
  o("11550 HS-USE/UNDER INFLUENCE OF CONTROLLED SUBSTANCE", "M", 2),
  o("11550(A) HS-UNDER INFLUENCE OF CONTROLLED SUBSTANCE", "M", 1),
  o("4060 BP-POSSESS CONTROLLED SUBSTANCE WITHOUT PRESCRIPTION", "M", 2),
  o("4140 BP-POSSESS HYPODERMIC NEEDLE/SYRINGE", "M", 1),
  o("4149 BP - POSSESS HYPODERMIC NEEDLE/SYRINGE", "M", 1),
  o("647(F) PC-DISORDERLY CONDUCT:INTOXICATED DRUG/ALCOHOL", "M", 3),
  o("602 PC-TRESPASSING", "M", 2),
  o("602(L) PC-TRESPASS:REFUSE TO LEAVE PROPERTY", "M", 1),
  o("466 PC-POSSESS/ETC BURGLARY TOOLS", "M", 1),
  o("148 PC-RESISTING ARREST", "M", 1),
  o(" 148 PC - RESISTING/OBSTRUCTING PUBLIC OFFICER", "M", 1),
  o("148(A)(1) PC-OBSTRUCT/RESIST PUBLIC OFFICER/ETC", "M", 2),
  o("148.9 PC-FALSE IDENTIFICATION TO PEACE OFFICER", "M", 1),
  o("40508 VC-FAILURE TO APPEAR", "M", 1),
  o("40508(A) VC-FAIL TO APPEAR:WRITTEN PROMISE", "M", 1),
  o("1320(A) PC-FAIL TO APPEAR:MISDEMEANOR", "M", 1),
  o("1320(B) PC-FAIL TO APPEAR:FELONY", "F", 1),
  o("32 PC-ACCESSORY", "W", 2),
];

/** Other offences: drugs, theft, vehicle, violence; a few super strikes and PC 290 offences, rarely. */
export const OTHER_OFFENCES: readonly OffenceSpec[] = [
  o("11350(A) HS-POSSESS NARCOTIC CONTROLLED SUBSTANCE", "W", 5),
  o("11351 HS-POSSESS/PURCHASE FOR SALE NARCOTIC/CONTROLLED SUBSTANCE", "F", 2),
  o("11352(A) HS-TRANSPORT/SELL NARCOTIC/CONTROLLED SUBSTANCE", "F", 2),
  o("11377(A) HS-POSSESS CONTROLLED SUBSTANCE", "W", 5),
  o("11378 HS-POSSESS CONTROLLED SUBSTANCE FOR SALE", "F", 2),
  o("11379(A) HS-TRANSPORT/SELL CONTROLLED SUBSTANCE", "F", 1),
  o("11364 HS-POSSESS CONTROLLED SUBSTANCE PARAPHERNALIA", "M", 3),
  o("11550(A) HS-UNDER INFLUENCE OF CONTROLLED SUBSTANCE", "M", 3),
  o("4060 BP-POSSESS CONTROLLED SUBSTANCE WITHOUT PRESCRIPTION", "M", 1),
  o("11360(A) HS-SELL/TRANSPORT/ETC MARIJUANA/HASH", "W", 1),
  o("4573.6 PC-POSSESS CONTROLLED SUBSTANCE IN JAIL", "F", 1),
  o("484(A) PC-THEFT OF PERSONAL PROPERTY", "M", 4),
  o("484(A)/490.5 PC-THEFT", "M", 1),
  o("488 PC-PETTY THEFT", "M", 3),
  o("487(A) PC-GRAND THEFT:MONEY/LABOR/PROPERTY", "W", 2),
  o("459 PC-BURGLARY", "F", 3),
  o("460(B) PC-BURGLARY:SECOND DEGREE", "W", 2),
  o("496(A) PC-RECEIVE/ETC KNOWN STOLEN PROPERTY", "W", 3),
  o("666 PC-PETTY THEFT WITH PRIOR JAIL:SPECIFIED OFFENSES", "W", 1),
  o("211 PC-ROBBERY", "F", 2),
  o("530.5(A) PC-USE PERSONAL ID INFO OF ANOTHER", "W", 1),
  o("23152(A) VC-DUI ALCOHOL/DRUGS", "M", 5),
  o("23152(B) VC-DUI ALCOHOL/0.08 PERCENT", "M", 4),
  o("23153(A) VC-DUI ALCOHOL/DRUGS CAUSING BODILY INJURY", "W", 1),
  o("14601.1(A) VC-DRIVE WHILE LICENSE SUSPENDED/ETC", "M", 4),
  o("12500(A) VC-DRIVE WITHOUT LICENSE", "M", 3),
  o("10851(A) VC-TAKE VEHICLE WITHOUT OWNER'S CONSENT/VEHICLE THEFT", "W", 2),
  o("503 VC-TAKE CAR WITHOUT OWNER'S CONSENT", "W", 1),
  o("20002(A) VC-HIT AND RUN:PROPERTY DAMAGE", "M", 1),
  o("2800.2 VC-EVADING PEACE OFFICER:DISREGARD SAFETY", "W", 1),
  o("242 PC-BATTERY", "M", 3),
  o("243(E)(1) PC-BATTERY:SPOUSE/EX SPOUSE/DATE/ETC", "M", 2),
  o("245(A)(1) PC-ASSAULT WITH DEADLY WEAPON OTHER THAN FIREARM", "W", 2),
  o("273.5(A) PC-INFLICT CORPORAL INJURY SPOUSE/COHABITANT", "W", 2),
  o("422 PC-THREATEN CRIME WITH INTENT TO TERRORIZE", "W", 1),
  o("594(A) PC-VANDALISM", "W", 2),
  o("415 PC-FIGHT/NOISE/OFFENSIVE WORDS", "M", 1),
  o("647(B) PC-DISORDERLY CONDUCT:PROSTITUTION", "M", 1),
  o("12020(A)(1) PC-POSSESS/MANUFACTURE/SELL DANGEROUS WEAPON", "W", 1),
  o("25400(A)(1) PC-CARRY CONCEALED WEAPON IN VEHICLE", "W", 1),
  o("29800(A)(1) PC-FELON/ADDICT/ETC POSSESS FIREARM", "F", 1),
  o("647(F) PC-DISORDERLY CONDUCT:INTOXICATED DRUG/ALCOHOL", "M", 2),
  o("32 PC-ACCESSORY", "W", 1),
  o("1203.2 PC-PROBATION VIOLATION:REARREST/REVOKE", "W", 1),
  // Super strikes (PC 667(e)(2)(C)(iv)); 211 PC above is deliberately not one.
  o("187 PC-MURDER:SECOND DEGREE", "F", 0.15),
  o("245(D)(3) PC-ASSAULT WITH FIREARM ON PEACE OFFICER", "F", 0.1),
  o("664/187(A) PC-ATTEMPTED MURDER", "F", 0.1),
  // PC 290 registrable offences (288(A) is also a super strike).
  o("288(A) PC-LEWD OR LASCIV ACTS WITH CHILD UNDER 14", "F", 0.15),
  o("261.5(C) PC-UNLAWFUL SEX WITH MINOR 3+ YEARS YOUNGER", "W", 0.1),
  o("314(1) PC-INDECENT EXPOSURE", "M", 0.1),
  o("243.4(A) PC-SEXUAL BATTERY", "W", 0.1),
];

/** Offence descriptions whose conviction leads to PC 290 registration in the generated data. */
export const PC290_REGISTRABLE: ReadonlySet<string> = new Set([
  "288(A) PC-LEWD OR LASCIV ACTS WITH CHILD UNDER 14",
  "261.5(C) PC-UNLAWFUL SEX WITH MINOR 3+ YEARS YOUNGER",
  "314(1) PC-INDECENT EXPOSURE",
  "243.4(A) PC-SEXUAL BATTERY",
]);

/** OFFENSE_DESCR of a PC 290 registration step. */
export const REGISTRATION_OFFENCE = "290 PC-REGISTRATION OF SEX OFFENDER";

/** OFFENSE_DESCR telling the reader to look in COMMENT_TEXT for the charge. */
export const SEE_COMMENT = "SEE COMMENT FOR CHARGE";
