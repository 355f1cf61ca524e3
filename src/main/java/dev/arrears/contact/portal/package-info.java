/**
 * The customer's page behind a portal link ({@code GET /portal/{token}}): public, protected by the token's signature,
 * in the customer's language. A minimal page with the unpaid bills and their lines until the self-service portal is
 * built on the same token.
 */
package dev.arrears.contact.portal;
