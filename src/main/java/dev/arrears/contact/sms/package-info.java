/**
 * The SMS channel over SMPP 3.4 (jSMPP): the encoding and segmentation of texts ({@link
 * dev.arrears.contact.sms.SmsEncoding}), a persistent transceiver bind that submits messages and hands back
 * delivery receipts and replies ({@link dev.arrears.contact.sms.SmppSender}), and an in-process SMS centre for
 * tests, benchmarks and the sandbox ({@link dev.arrears.contact.sms.SmscSimulator}). Internal to the contact
 * module: the dispatch calls it.
 */
package dev.arrears.contact.sms;
