/**
 * What every push to a partner's endpoint shares: the Standard Webhooks signature and the
 * address ranges an endpoint may never resolve to.
 */
@NullMarked
package ca.aiguillage.platform.webhooks;

import org.jspecify.annotations.NullMarked;
