Feature: Booking an inspection on the centre's public page, without an account
  Anyone reads a centre's public page: its address, hours, services with their prices and its
  booking rules, and its free slots. A booking needs a captcha, the vehicle and a contact with
  an email address; an address sending more than 10 attempts an hour is refused with 429. The
  confirmation is mailed with single-use links to cancel and to move the booking. A customer may
  instead open an account in the centre's organization, then books and sees their own bookings.

  Background:
    Given the API is running
    And today is "2027-03-01"
    And the inspection company "Contrôle Ixelles" of "ines", with its members:
      | name   | role      |
      | victor | inspector |
      | dora   | desk      |
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
      {"name": "Contrôle périodique", "kind": "periodic", "durations": {"M1": 30}, "price": "45.50", "vat_rate": "21"}
      """
    And I remember the response field "id" as "periodique"
    And the inspector "victor" works at the centre "ixelles" on weekdays "08:00-09:00", certified for "M1"

  Scenario: Anyone reads the page and books a free slot; the mailed link cancels it once
    Given I am anonymous
    When I send GET "/api/v1/public/centres/controle-ixelles"
    Then the response status is 200
    And the response field "address" is "Chaussée de Boondael 1, 1050 Ixelles"
    And the response field "services" has 1 items
    And the response field "services[0].price" is "45.50"
    And the response field "booking_policy.free_cancellation_hours" is the number 24
    When I send GET "/api/v1/public/centres/controle-ixelles/availability?service={{periodique}}&category=M1&date_from=2027-03-03"
    Then the response field "data" has 2 items
    When I send POST "/api/v1/public/centres/controle-ixelles/appointments"
      """
      {"service_id": "{{periodique}}", "slot_start": "2027-03-03T07:00:00Z", "captcha_token": "local-captcha-ok",
       "vehicle": {"plate": "1-PUB-001", "category": "M1"},
       "contact": {"name": "Paul Public", "email": "paul@example.com", "phone": "+32470111222"}}
      """
    Then the response status is 201
    And the response field "appointment.status" is "confirmed"
    And the response field "price" is "45.50"
    And the response has no field "payment_token"
    And the outbox holds 1 email to "paul@example.com", one about "Contrôle périodique du véhicule 1-PUB-001, le 2027-03-03 à 08:00"
    When I send GET "/api/v1/public/centres/controle-ixelles/availability?service={{periodique}}&category=M1&date_from=2027-03-03"
    Then the response field "data" has 1 items
    # The desk sees the booking, with its contact.
    Given I am "dora"
    When I send GET "/api/v1/appointments?centre_id={{ixelles}}"
    Then the response field "data" has 1 items
    And the response field "data[0].contact.email" is "paul@example.com"
    Given I remember the token of the link "/appointments/cancel" mailed to "paul@example.com" as "cancel"
    And I am anonymous
    When I send POST "/api/v1/public/appointments/cancel"
      """
      {"token": "{{cancel}}"}
      """
    Then the response field "status" is "cancelled"
    And the response field "cancellation.late" is false
    And the response field "cancellation.fee" is "0.00"
    When I send POST "/api/v1/public/appointments/cancel"
      """
      {"token": "{{cancel}}"}
      """
    Then the response is a problem 404 with code "not_found"
    When I send GET "/api/v1/public/centres/controle-ixelles/availability?service={{periodique}}&category=M1&date_from=2027-03-03"
    Then the response field "data" has 2 items

  Scenario: The mailed link moves the booking once to another free slot; the new time comes with fresh links
    Given I am anonymous
    When I send POST "/api/v1/public/centres/controle-ixelles/appointments"
      """
      {"service_id": "{{periodique}}", "slot_start": "2027-03-03T07:00:00Z", "captcha_token": "local-captcha-ok",
       "vehicle": {"plate": "1-PUB-001", "category": "M1"},
       "contact": {"name": "Paul Public", "email": "paul@example.com"}}
      """
    Then the response status is 201
    Given I remember the token of the link "/appointments/reschedule" mailed to "paul@example.com" as "move"
    # Not a slot the centre lists: refused, and the link still works.
    When I send POST "/api/v1/public/appointments/reschedule"
      """
      {"token": "{{move}}", "slot_start": "2027-03-03T07:10:00Z"}
      """
    Then the response is a problem 422 with code "validation_failed"
    When I send POST "/api/v1/public/appointments/reschedule"
      """
      {"token": "{{move}}", "slot_start": "2027-03-04T07:30:00Z"}
      """
    Then the response status is 200
    And the response field "appointment.status" is "confirmed"
    And the response field "appointment.start" is "2027-03-04T07:30:00Z"
    And I remember the response field "reschedule_token" as "again"
    And the outbox holds 2 emails to "paul@example.com", one about "Votre rendez-vous est déplacé : Contrôle périodique du véhicule 1-PUB-001, le 2027-03-04 à 08:30"
    When I send GET "/api/v1/public/centres/controle-ixelles/availability?service={{periodique}}&category=M1&date_from=2027-03-03"
    Then the response field "data" has 2 items
    # Each link works once; the fresh one moves it again.
    When I send POST "/api/v1/public/appointments/reschedule"
      """
      {"token": "{{move}}", "slot_start": "2027-03-04T07:00:00Z"}
      """
    Then the response is a problem 404 with code "not_found"
    When I send POST "/api/v1/public/appointments/reschedule"
      """
      {"token": "{{again}}", "slot_start": "2027-03-04T07:00:00Z"}
      """
    Then the response field "appointment.start" is "2027-03-04T07:00:00Z"
    When I send POST "/api/v1/public/appointments/reschedule"
      """
      {"token": "{{again}}"}
      """
    Then the response is a problem 422 with code "validation_failed"

  Scenario: Refused: no captcha, no email address, a taken slot, an unknown centre; then too many attempts
    Given I am anonymous
    When I send POST "/api/v1/public/centres/controle-ixelles/appointments"
      """
      {"service_id": "{{periodique}}", "slot_start": "2027-03-03T07:00:00Z", "captcha_token": "forged",
       "vehicle": {"plate": "1-PUB-001", "category": "M1"}, "contact": {"name": "Paul", "email": "paul@example.com"}}
      """
    Then the response is a problem 422 with code "captcha_failed"
    When I send POST "/api/v1/public/centres/controle-ixelles/appointments"
      """
      {"service_id": "{{periodique}}", "slot_start": "2027-03-03T07:00:00Z", "captcha_token": "local-captcha-ok",
       "vehicle": {"plate": "1-PUB-001", "category": "M1"}, "contact": {"name": "Paul", "phone": "+32470111222"}}
      """
    Then the response is a problem 422 with code "validation_failed"
    And the problem names the field "contact.email"
    When I send POST "/api/v1/public/centres/nowhere/appointments"
      """
      {"service_id": "{{periodique}}", "slot_start": "2027-03-03T07:00:00Z", "captcha_token": "local-captcha-ok",
       "vehicle": {"plate": "1-PUB-001", "category": "M1"}, "contact": {"name": "Paul", "email": "paul@example.com"}}
      """
    Then the response is a problem 404 with code "not_found"
    When I send GET "/api/v1/public/centres/nowhere"
    Then the response is a problem 404 with code "not_found"
    # Days that run backwards, or too many of them, are refused before any search.
    When I send GET "/api/v1/public/centres/controle-ixelles/availability?service={{periodique}}&category=M1&date_from=8949-05-26&date_to=0136-09-23"
    Then the response is a problem 422 with code "validation_failed"
    And the problem names the field "date_to"
    When I send GET "/api/v1/public/centres/controle-ixelles/availability?service={{periodique}}&category=M1&date_from=2027-03-01&date_to=2027-06-01"
    Then the response is a problem 422 with code "validation_failed"
    When I send POST "/api/v1/public/centres/controle-ixelles/appointments"
      """
      {"service_id": "{{periodique}}", "slot_start": "2027-03-03T07:00:00Z", "captcha_token": "local-captcha-ok",
       "vehicle": {"plate": "1-PUB-001", "category": "M1"}, "contact": {"name": "Paul", "email": "paul@example.com"}}
      """
    Then the response status is 201
    When I send POST "/api/v1/public/centres/controle-ixelles/appointments"
      """
      {"service_id": "{{periodique}}", "slot_start": "2027-03-03T07:00:00Z", "captcha_token": "local-captcha-ok",
       "vehicle": {"plate": "1-PUB-002", "category": "M1"}, "contact": {"name": "Pia", "email": "pia@example.com"}}
      """
    Then the response is a problem 409 with code "slot_taken"
    # Five attempts so far from this address; five more are let through, the eleventh is refused.
    Given 5 public bookings at "controle-ixelles" are refused for a past slot
    When I send POST "/api/v1/public/centres/controle-ixelles/appointments"
      """
      {"service_id": "{{periodique}}", "slot_start": "2027-03-03T07:30:00Z", "captcha_token": "local-captcha-ok",
       "vehicle": {"plate": "1-PUB-002", "category": "M1"}, "contact": {"name": "Pia", "email": "pia@example.com"}}
      """
    Then the response is a problem 429 with code "rate_limited"
    And the response header "Retry-After" is "3600"

  Scenario: A customer opens an account at the centre, books, and sees only their own
    Given I am anonymous
    When I send POST "/api/v1/public/centres/controle-ixelles/customers"
      """
      {"email": "carla@example.com", "password": "correct-horse-battery", "name": "Carla"}
      """
    Then the response status is 201
    And the response field "user.roles" lists "customer"
    When I send POST "/api/v1/public/centres/controle-ixelles/customers"
      """
      {"email": "carla@example.com", "password": "correct-horse-battery", "name": "Carla"}
      """
    Then the response is a problem 409 with code "email_taken"
    Given "carla" logs in
    And I am "carla"
    When I send POST "/api/v1/appointments"
      """
      {"centre_id": "{{ixelles}}", "service_id": "{{periodique}}", "slot_start": "2027-03-03T07:30:00Z",
       "vehicle": {"plate": "2-CAR-777", "category": "M1"}}
      """
    Then the response status is 201
    And the response field "contact.email" is "carla@example.com"
    When I send GET "/api/v1/vehicles"
    Then the response field "data" has 1 items
    When I send GET "/api/v1/appointments"
    Then the response field "data" has 1 items
    When I send GET "/api/v1/users"
    Then the response status is 403
