/** Where policies sit in the canonical file order: after groups and users, before the bindings that use them. */
export const POLICY_ORDER_RANK = 15;
