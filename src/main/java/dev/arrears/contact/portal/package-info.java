/**
 * The e-mail opt-out page behind the signed link of every electronic message ({@code /optout/{token}}): public,
 * protected by the token's signature, in the customer's language; asks on GET and opts out on POST (also RFC 8058
 * one-click). The customer portal itself lives in the self-service module.
 */
package dev.arrears.contact.portal;
