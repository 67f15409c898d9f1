Feature: Paying for a vehicle inspection: online with the provider's signed webhook, or at the desk
  A centre that asks for prepayment holds a booking while the customer pays online. The
  organization gives its own keys for its payment provider (they are kept sealed). The provider
  tells us a payment went through by a webhook signed with the organization's secret; a call
  whose signature is wrong or older than five minutes is refused and changes nothing, and an
  event seen before changes nothing either. A payment that arrives after the hold was released
  confirms the booking again if its slot is still free, and is refunded automatically if not.
  Desk staff take cash and card-terminal payments. Every payment received has a VAT receipt,
  numbered without gaps per centre and year; refunds give back all or part of one, with a
  reason; the day's cash-up sums the till by method against the receipts.

  Background:
    Given the API is running
    And today is "2027-03-01"
    And the inspection company "Contrôle Ixelles" of "ines", with its members:
      | name   | role      |
      | victor | inspector |
      | dora   | desk      |
      | carl   | customer  |
      | cleo   | customer  |
    And I am "ines"
    And I send POST "/api/v1/centres"
      """
      {"name": "Contrôle Ixelles", "slug": "controle-ixelles", "address": "Chaussée de Boondael 1, 1050 Ixelles", "hours": {"monday": ["08:00-12:00"], "tuesday": ["08:00-12:00"], "wednesday": ["08:00-12:00"], "thursday": ["08:00-12:00"], "friday": ["08:00-12:00"]}}
      """
    And I remember the response field "id" as "ixelles"
    And I send POST "/api/v1/centres/{{ixelles}}/lanes"
      """
      {"name": "Piste voitures", "categories": ["M1"]}
      """
    And I send POST "/api/v1/centres/{{ixelles}}/services"
      """
      {"name": "Contrôle périodique", "durations": {"M1": 30}, "price": "45.50", "vat_rate": "21"}
      """
    And I remember the response field "id" as "periodique"
    And the inspector "victor" works at the centre "ixelles" on weekdays "08:00-09:00", certified for "M1"
    And I send PUT "/api/v1/centres/{{ixelles}}/booking-policy"
      """
      {"prepayment_required": true, "hold_minutes": 15, "vat_number": "BE 0403.170.701"}
      """
    And I send PUT "/api/v1/payment-provider"
      """
      {"secret_key": "sk_test_ixelles_4242", "webhook_secret": "whsec_ixelles"}
      """

  Scenario: A customer pays online; the provider's signed webhook confirms the booking and issues its receipt
    When I send GET "/api/v1/payment-provider"
    Then the response field "key_ending" is "4242"
    And the response body does not mention "sk_test_ixelles"
    Given I am "carl"
    When I send POST "/api/v1/appointments"
      """
      {"centre_id": "{{ixelles}}", "service_id": "{{periodique}}", "slot_start": "2027-03-02T07:00:00Z",
       "vehicle": {"plate": "2-CAR-001", "category": "M1"}}
      """
    Then the response field "status" is "held"
    And I remember the response field "id" as "booking"
    When I send POST "/api/v1/appointments/{{booking}}/checkout"
    Then the response status is 201
    And the response field "payment.status" is "pending"
    And the response field "payment.amount" is "45.50"
    And the response field "payment.method" is "online"
    And the response field "client_secret" is "pi_test_1_secret_fake"
    And I remember the response field "payment.id" as "payment"
    And I remember the response field "payment.provider_reference" as "intent"
    And the provider holds an intent "{{intent}}" of 4550 cents made with the key "sk_test_ixelles_4242"
    When the provider sends the event "evt_1" of type "payment_intent.succeeded" for "{{intent}}", signed with "whsec_ixelles"
    Then the response status is 200
    And the response field "outcome" is "applied"
    When I send GET "/api/v1/appointments/{{booking}}"
    Then the response field "status" is "confirmed"
    And the response has no field "hold_expires_at"
    When I send GET "/api/v1/payments/{{payment}}"
    Then the response field "status" is "succeeded"
    And the response field "receipt_number" is "2027-000001"
    # The provider sends the same event again: nothing changes.
    When the provider sends the event "evt_1" of type "payment_intent.succeeded" for "{{intent}}", signed with "whsec_ixelles"
    Then the response status is 200
    And the response field "outcome" is "replayed"
    When I send GET "/api/v1/appointments/{{booking}}/payments"
    Then the response field "data" has 1 items
    And the response field "data[0].receipt_number" is "2027-000001"
    # The receipt, with the centre's VAT number and the VAT share of the price.
    When I send GET "/api/v1/payments/{{payment}}/receipt"
    Then the response status is 200
    And the downloaded PDF reads "Reçu n° 2027-000001"
    And the downloaded PDF reads "BE0403.170.701"
    And the downloaded PDF reads "37.60 EUR"
    And the downloaded PDF reads "7.90 EUR"
    And the downloaded PDF reads "45.50 EUR"
    And the downloaded PDF reads "paiement en ligne"
    # Paid already: no second checkout.
    When I send POST "/api/v1/appointments/{{booking}}/checkout"
    Then the response is a problem 409 with code "not_awaiting_payment"
    # The customer's own data holds the payment.
    When I send GET "/api/v1/me/data-export"
    Then the response field "data" has an item whose "kind" is "your payments at an inspection centre"
    And the response text contains "4550"

  Scenario: A webhook with a forged or stale signature is refused and changes nothing
    Given I am "carl"
    When I send POST "/api/v1/appointments"
      """
      {"centre_id": "{{ixelles}}", "service_id": "{{periodique}}", "slot_start": "2027-03-02T07:00:00Z",
       "vehicle": {"plate": "2-CAR-001", "category": "M1"}}
      """
    And I remember the response field "id" as "booking"
    And I send POST "/api/v1/appointments/{{booking}}/checkout"
    And I remember the response field "payment.id" as "payment"
    And I remember the response field "payment.provider_reference" as "intent"
    When the provider sends the event "evt_forged" of type "payment_intent.succeeded" for "{{intent}}", signed with "whsec_someone_else"
    Then the response is a problem 400 with code "webhook_rejected"
    When the provider sends the event "evt_old" of type "payment_intent.succeeded" for "{{intent}}", signed with "whsec_ixelles" 6 minutes ago
    Then the response is a problem 400 with code "webhook_rejected"
    When I send POST "/api/v1/webhooks/payments" with the header "Stripe-Signature" set to "t=1,v1=00"
      """
      {"not": "an event"}
      """
    Then the response is a problem 400 with code "webhook_rejected"
    When I send GET "/api/v1/payments/{{payment}}"
    Then the response field "status" is "pending"
    When I send GET "/api/v1/appointments/{{booking}}"
    Then the response field "status" is "held"
    # Four minutes old is within the tolerance; a declined card leaves the booking held.
    When the provider sends the event "evt_declined" of type "payment_intent.payment_failed" for "{{intent}}", signed with "whsec_ixelles" 4 minutes ago
    Then the response field "outcome" is "applied"
    When I send GET "/api/v1/payments/{{payment}}"
    Then the response field "status" is "failed"
    When I send GET "/api/v1/appointments/{{booking}}"
    Then the response field "status" is "held"

  Scenario: A payment after the hold lapsed confirms the booking if the slot is still free, and is refunded if not
    Given I am "carl"
    When I send POST "/api/v1/appointments"
      """
      {"centre_id": "{{ixelles}}", "service_id": "{{periodique}}", "slot_start": "2027-03-02T07:00:00Z",
       "vehicle": {"plate": "2-CAR-001", "category": "M1"}}
      """
    And I remember the response field "id" as "late"
    And I send POST "/api/v1/appointments/{{late}}/checkout"
    And I remember the response field "payment.provider_reference" as "late_intent"
    And I send POST "/api/v1/appointments"
      """
      {"centre_id": "{{ixelles}}", "service_id": "{{periodique}}", "slot_start": "2027-03-02T07:30:00Z",
       "vehicle": {"plate": "2-CAR-002", "category": "M1"}}
      """
    And I remember the response field "id" as "lost"
    And I send POST "/api/v1/appointments/{{lost}}/checkout"
    And I remember the response field "payment.id" as "lost_payment"
    And I remember the response field "payment.provider_reference" as "lost_intent"
    When 16 minutes pass
    And the job "inspection-holds" runs
    And "carl" logs in
    And I send GET "/api/v1/appointments/{{late}}"
    Then the response field "status" is "cancelled"
    # Cleo books the 07:30 slot that was released.
    Given "cleo" logs in
    And I am "cleo"
    When I send POST "/api/v1/appointments"
      """
      {"centre_id": "{{ixelles}}", "service_id": "{{periodique}}", "slot_start": "2027-03-02T07:30:00Z",
       "vehicle": {"plate": "2-CLE-001", "category": "M1"}}
      """
    Then the response status is 201
    # The 07:00 slot is still free: the late payment confirms its booking again.
    When the provider sends the event "evt_late" of type "payment_intent.succeeded" for "{{late_intent}}", signed with "whsec_ixelles"
    Then the response field "outcome" is "applied"
    Given I am "carl"
    When I send GET "/api/v1/appointments/{{late}}"
    Then the response field "status" is "confirmed"
    And the response has no field "cancellation"
    # The 07:30 slot is Cleo's now: the payment is given back through the provider.
    When the provider sends the event "evt_lost" of type "payment_intent.succeeded" for "{{lost_intent}}", signed with "whsec_ixelles"
    Then the response field "outcome" is "refunded"
    And the provider has refunded 4550 cents of "{{lost_intent}}"
    When I send GET "/api/v1/appointments/{{lost}}"
    Then the response field "status" is "cancelled"
    When I send GET "/api/v1/payments/{{lost_payment}}"
    Then the response field "status" is "succeeded"
    And the response field "refunded" is "45.50"
    And the response field "refundable" is "0.00"
    And the response field "refunds" has 1 items
    And the response field "refunds[0].reason" is "the booking no longer awaited this payment (its slot was released)"
    # Carl's own data holds the refund and its reason.
    When I send GET "/api/v1/me/data-export"
    Then the response field "data" has an item whose "kind" is "the refunds of your payments at an inspection centre"
    And the response text contains "its slot was released"

  Scenario: A refund the provider refuses is owed and tried again until it is given
    Given I am "carl"
    When I send POST "/api/v1/appointments"
      """
      {"centre_id": "{{ixelles}}", "service_id": "{{periodique}}", "slot_start": "2027-03-02T07:30:00Z",
       "vehicle": {"plate": "2-CAR-002", "category": "M1"}}
      """
    And I remember the response field "id" as "lost"
    And I send POST "/api/v1/appointments/{{lost}}/checkout"
    And I remember the response field "payment.id" as "lost_payment"
    And I remember the response field "payment.provider_reference" as "lost_intent"
    When 16 minutes pass
    And the job "inspection-holds" runs
    Given "cleo" logs in
    And I am "cleo"
    When I send POST "/api/v1/appointments"
      """
      {"centre_id": "{{ixelles}}", "service_id": "{{periodique}}", "slot_start": "2027-03-02T07:30:00Z",
       "vehicle": {"plate": "2-CLE-001", "category": "M1"}}
      """
    Then the response status is 201
    # The provider is down when Carl's payment comes in, too late for its slot.
    Given the provider refuses refunds
    When the provider sends the event "evt_lost" of type "payment_intent.succeeded" for "{{lost_intent}}", signed with "whsec_ixelles"
    Then the response field "outcome" is "refund_failed"
    And the provider has refunded 0 cents of "{{lost_intent}}"
    # Tried again after 5 minutes, then 10, then 20: the third failure tells the desk.
    When 5 minutes pass
    And the job "inspection-refunds" runs
    And 10 minutes pass
    And the job "inspection-refunds" runs
    And 20 minutes pass
    And the job "inspection-refunds" runs
    Then the provider has refunded 0 cents of "{{lost_intent}}"
    Given "dora" logs in
    And I am "dora"
    When I send GET "/api/v1/notifications"
    Then the response field "data" has an item whose "type" is "payment.refund_owed"
    # Not before its wait is over, then given once the provider is back.
    Given the provider takes refunds again
    When the job "inspection-refunds" runs
    Then the provider has refunded 0 cents of "{{lost_intent}}"
    When 40 minutes pass
    And the job "inspection-refunds" runs
    Then the provider has refunded 4550 cents of "{{lost_intent}}"
    Given "dora" logs in
    When I send GET "/api/v1/payments/{{lost_payment}}"
    Then the response field "refunded" is "45.50"
    And the response field "refunds[0].reason" is "the booking no longer awaited this payment (its slot was released)"
    # Given once: another run finds nothing owed.
    When 2 days pass
    And the job "inspection-refunds" runs
    Then the provider has refunded 4550 cents of "{{lost_intent}}"

  Scenario: The desk takes cash and card, refunds part of a payment, and the day's cash-up matches the receipts
    Given I am "dora"
    When I send POST "/api/v1/appointments"
      """
      {"centre_id": "{{ixelles}}", "service_id": "{{periodique}}", "slot_start": "2027-03-02T07:00:00Z",
       "vehicle": {"plate": "1-WLK-001", "category": "M1"}, "contact": {"name": "Walter Walk-in", "phone": "+32470000001"}}
      """
    And I remember the response field "id" as "walkin"
    When I send POST "/api/v1/appointments/{{walkin}}/payments"
      """
      {"method": "cash"}
      """
    Then the response status is 201
    And the response field "status" is "succeeded"
    And the response field "receipt_number" is "2027-000001"
    And I remember the response field "id" as "cash"
    When I send GET "/api/v1/appointments/{{walkin}}"
    Then the response field "status" is "confirmed"
    When I send POST "/api/v1/appointments"
      """
      {"centre_id": "{{ixelles}}", "service_id": "{{periodique}}", "slot_start": "2027-03-02T07:30:00Z",
       "vehicle": {"plate": "1-WLK-002", "category": "M1"}, "contact": {"name": "Wanda Walk-in", "phone": "+32470000002"}}
      """
    And I remember the response field "id" as "second"
    When I send POST "/api/v1/appointments/{{second}}/payments"
      """
      {"method": "card_terminal", "amount": "45.50"}
      """
    Then the response field "receipt_number" is "2027-000002"
    # Refused: another method, an amount of nothing, no reason.
    When I send POST "/api/v1/appointments/{{second}}/payments"
      """
      {"method": "online"}
      """
    Then the response is a problem 422 with code "validation_failed"
    And the problem names the field "method"
    When I send POST "/api/v1/appointments/{{second}}/payments"
      """
      {"method": "cash", "amount": "0"}
      """
    Then the response is a problem 422 with code "validation_failed"
    When I send POST "/api/v1/payments/{{cash}}/refunds"
      """
      {"amount": "10.00"}
      """
    Then the response is a problem 422 with code "validation_failed"
    And the problem names the field "reason"
    When I send POST "/api/v1/payments/{{cash}}/refunds"
      """
      {"amount": "10.00", "reason": "Geste commercial : attente"}
      """
    Then the response status is 201
    And the response field "amount" is "10.00"
    When I send POST "/api/v1/payments/{{cash}}/refunds"
      """
      {"amount": "40.00", "reason": "Trop"}
      """
    Then the response is a problem 422 with code "validation_failed"
    And the problem names the field "amount"
    # A customer neither refunds nor sees the till.
    Given I am "carl"
    When I send POST "/api/v1/payments/{{cash}}/refunds"
      """
      {"amount": "1.00", "reason": "Moi aussi"}
      """
    Then the response status is 403
    When I send GET "/api/v1/payments/{{cash}}"
    Then the response is a problem 404 with code "not_found"
    Given I am "dora"
    When I send GET "/api/v1/centres/{{ixelles}}/cash-up?date=2027-03-01"
    Then the response status is 200
    And the response field "lines[1].method" is "cash"
    And the response field "lines[1].received" is "45.50"
    And the response field "lines[1].refunded" is "10.00"
    And the response field "lines[1].net" is "35.50"
    And the response field "lines[2].method" is "card_terminal"
    And the response field "lines[2].received" is "45.50"
    And the response field "total" is "81.00"
    And the response field "receipts" has 2 items
    And the response field "receipts[1]" is "2027-000002"
    And the response field "balances" is true
    When I send GET "/api/v1/centres/{{ixelles}}/cash-up?date=2027-03-02"
    Then the response field "total" is "0.00"
    And the response field "receipts" has 0 items

  Scenario: Staff refund part of an online payment through the provider
    Given I am "carl"
    When I send POST "/api/v1/appointments"
      """
      {"centre_id": "{{ixelles}}", "service_id": "{{periodique}}", "slot_start": "2027-03-02T07:00:00Z",
       "vehicle": {"plate": "2-CAR-001", "category": "M1"}}
      """
    And I remember the response field "id" as "booking"
    And I send POST "/api/v1/appointments/{{booking}}/checkout"
    And I remember the response field "payment.id" as "payment"
    And I remember the response field "payment.provider_reference" as "intent"
    And the provider sends the event "evt_paid" of type "payment_intent.succeeded" for "{{intent}}", signed with "whsec_ixelles"
    Given I am "dora"
    When I send POST "/api/v1/payments/{{payment}}/refunds"
      """
      {"amount": "15.50", "reason": "Contre-visite offerte"}
      """
    Then the response status is 201
    And the response field "provider_reference" is "re_test_1"
    And the provider has refunded 1550 cents of "{{intent}}"
    When I send GET "/api/v1/payments/{{payment}}"
    Then the response field "refundable" is "30.00"
    When I send GET "/api/v1/centres/{{ixelles}}/cash-up?date=2027-03-01"
    Then the response field "lines[0].method" is "online"
    And the response field "lines[0].net" is "30.00"

  Scenario: Payments need the centre's VAT number and the organization's provider keys
    When I send POST "/api/v1/centres"
      """
      {"name": "Contrôle Etterbeek", "slug": "controle-etterbeek", "address": "Avenue de la Chasse 2, 1040 Etterbeek", "hours": {"tuesday": ["08:00-12:00"]}}
      """
    And I remember the response field "id" as "etterbeek"
    When I send PUT "/api/v1/centres/{{etterbeek}}/booking-policy"
      """
      {"vat_number": "BE 0403.170.702"}
      """
    Then the response is a problem 422 with code "validation_failed"
    And the problem names the field "vat_number"
    And I send POST "/api/v1/centres/{{etterbeek}}/lanes"
      """
      {"name": "Piste", "categories": ["M1"]}
      """
    And I send POST "/api/v1/centres/{{etterbeek}}/services"
      """
      {"name": "Contrôle périodique", "durations": {"M1": 30}, "price": "45.50", "vat_rate": "21"}
      """
    And I remember the response field "id" as "etterbeek_periodique"
    And the inspector "victor" works at the centre "etterbeek" on weekdays "08:00-09:00", certified for "M1"
    Given I am "dora"
    When I send POST "/api/v1/appointments"
      """
      {"centre_id": "{{etterbeek}}", "service_id": "{{etterbeek_periodique}}", "slot_start": "2027-03-02T07:00:00Z",
       "vehicle": {"plate": "1-ETT-001", "category": "M1"}, "contact": {"name": "Eva", "phone": "+32470000009"}}
      """
    And I remember the response field "id" as "etterbeek_booking"
    When I send POST "/api/v1/appointments/{{etterbeek_booking}}/payments"
      """
      {"method": "cash"}
      """
    Then the response is a problem 409 with code "vat_number_missing"
    # Another organization has given no provider keys.
    Given the inspection company "Contrôle Uccle" of "ugo", with its members:
      | name | role     |
      | uma  | customer |
    And I am "ugo"
    When I send GET "/api/v1/payment-provider"
    Then the response is a problem 409 with code "payments_not_configured"
    When I send PUT "/api/v1/payment-provider"
      """
      {"secret_key": "short", "webhook_secret": "whsec with spaces"}
      """
    Then the response is a problem 422 with code "validation_failed"
    And the problem names the field "secret_key"

  Scenario: A booking made on the public page is paid with its single-use payment link
    Given I am anonymous
    When I send POST "/api/v1/public/centres/controle-ixelles/appointments"
      """
      {"service_id": "{{periodique}}", "slot_start": "2027-03-02T07:00:00Z", "captcha_token": "local-captcha-ok",
       "vehicle": {"plate": "1-PUB-001", "category": "M1"}, "contact": {"name": "Paul Public", "email": "paul@example.com"}}
      """
    Then the response status is 201
    And the response field "appointment.status" is "held"
    And the response field "hold_expires_at" is "2027-03-01T09:15:00Z"
    And I remember the response field "appointment.id" as "booking"
    And the outbox holds 1 email to "paul@example.com", one about "Payer (45.50 EUR)"
    Given I remember the token of the link "/appointments/pay" mailed to "paul@example.com" as "pay"
    When I send POST "/api/v1/public/appointments/checkout"
      """
      {"token": "{{pay}}"}
      """
    Then the response status is 201
    And the response field "payment.status" is "pending"
    And the response field "client_secret" is "pi_test_1_secret_fake"
    And I remember the response field "payment.provider_reference" as "intent"
    When I send POST "/api/v1/public/appointments/checkout"
      """
      {"token": "{{pay}}"}
      """
    Then the response is a problem 404 with code "not_found"
    When the provider sends the event "evt_public" of type "payment_intent.succeeded" for "{{intent}}", signed with "whsec_ixelles"
    Then the response field "outcome" is "applied"
    Given I am "dora"
    When I send GET "/api/v1/appointments/{{booking}}"
    Then the response field "status" is "confirmed"
