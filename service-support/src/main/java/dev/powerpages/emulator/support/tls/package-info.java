/**
 * One local certificate authority for the whole stack ({@link dev.powerpages.emulator.support.tls.StackTls}): made
 * once in a directory every service reads ({@code stack.tls.directory}), it signs the certificates of every HTTPS
 * port (the store's identity endpoints, the resource-manager endpoint, the gateway's edge), so that a client trusts
 * one {@code ca.pem} for all of them. docs/https.md describes the files and how tools trust them.
 */
package dev.powerpages.emulator.support.tls;
