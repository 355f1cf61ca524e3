/** Gateway adapters ({@link dev.arrears.arrangement.PaymentGateway}): the sandbox and the Arrears event JSON. */
package dev.arrears.arrangement.gateway;
