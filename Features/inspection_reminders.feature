Feature: Reminders from the inspection centre: the day before a booking, and a month before the next inspection is due
  Every quarter of an hour the centre's reminder job looks for confirmed bookings starting
  within 24 hours and mails their contact once, through the mail queue: the service, the day
  and time on the centre's clocks, the papers to bring, and a link to cancel. The link works
  without an account, once, until the booking begins, under the centre's cancellation policy.
  A vehicle's owner is mailed once a month before its next inspection is due.

  Background:
    Given the API is running
    And today is "2027-03-01"
    And the inspection company "Contrôle Ixelles" of "ines", with its members:
      | name   | role      |
      | victor | inspector |
      | dora   | desk      |
      | carl   | customer  |
    And I am "ines"
    And I send POST "/api/v1/centres"
      """
      {"name": "Contrôle Ixelles", "slug": "controle-ixelles", "address": "Chaussée de Boondael 1, 1050 Ixelles", "hours": {"monday": ["08:00-17:00"], "tuesday": ["08:00-17:00"], "wednesday": ["08:00-17:00"], "thursday": ["08:00-17:00"], "friday": ["08:00-17:00"]}}
      """
    And I remember the response field "id" as "ixelles"
    And I send POST "/api/v1/centres/{{ixelles}}/lanes"
      """
      {"name": "Piste 1", "categories": ["M1"]}
      """
    And I send POST "/api/v1/centres/{{ixelles}}/services"
      """
      {"name": "Contrôle périodique", "kind": "periodic", "durations": {"M1": 30}, "price": "45.50"}
      """
    And I remember the response field "id" as "periodique"
    And the inspector "victor" works at the centre "ixelles" on weekdays "08:00-17:00", certified for "M1"

  Scenario: The contact is reminded once the day before, and cancels with the link once
    Given I am "carl"
    When I send POST "/api/v1/appointments"
      """
      {"centre_id": "{{ixelles}}", "service_id": "{{periodique}}", "slot_start": "2027-03-02T09:30:00Z",
       "vehicle": {"plate": "2-CAR-001", "category": "M1"}}
      """
    Then the response field "status" is "confirmed"
    And I remember the response field "id" as "booking"
    # 24 hours and a half before: not yet.
    When the job "inspection-reminders" runs
    And the job "mail" runs
    Then the outbox holds no email to "carl"
    When 31 minutes pass
    And the job "inspection-reminders" runs
    And the job "mail" runs
    Then the outbox holds 1 email to "carl", one about "Contrôle périodique du véhicule 2-CAR-001, le 2027-03-02 à 10:30"
    And the outbox holds 1 email to "carl", one about "le certificat d'immatriculation du véhicule"
    And the outbox holds 1 email to "carl", one about "Chaussée de Boondael 1, 1050 Ixelles"
    # Once only.
    When 15 minutes pass
    And the job "inspection-reminders" runs
    And the job "mail" runs
    Then the outbox holds 1 email to "carl", one about "Rappel de votre rendez-vous"
    Given I remember the token of the link "/appointments/cancel" mailed to "carl" as "cancel"
    And I am anonymous
    When I send POST "/api/v1/public/appointments/cancel"
      """
      {"token": "not-the-token"}
      """
    Then the response is a problem 404 with code "not_found"
    When I send POST "/api/v1/public/appointments/cancel"
      """
      {"token": "{{cancel}}"}
      """
    Then the response status is 200
    And the response field "status" is "cancelled"
    # Within 24 hours of the booking: the centre's late fee applies.
    And the response field "cancellation.late" is true
    And the response field "cancellation.fee" is "45.50"
    And the response body does not mention "carl@example.com"
    When I send POST "/api/v1/public/appointments/cancel"
      """
      {"token": "{{cancel}}"}
      """
    Then the response is a problem 404 with code "not_found"
    Given "carl" logs in
    And I am "carl"
    When I send GET "/api/v1/appointments/{{booking}}"
    Then the response field "status" is "cancelled"
    And the response field "cancellation.reason" is "cancelled through the reminder's link"

  Scenario: A booking without an email address is passed over; a cancelled one is not reminded
    Given I am "dora"
    When I send POST "/api/v1/appointments"
      """
      {"centre_id": "{{ixelles}}", "service_id": "{{periodique}}", "slot_start": "2027-03-02T08:00:00Z",
       "vehicle": {"plate": "1-WLK-001", "category": "M1"}, "contact": {"name": "Walter", "phone": "+32470000001"}}
      """
    And I send POST "/api/v1/appointments"
      """
      {"centre_id": "{{ixelles}}", "service_id": "{{periodique}}", "slot_start": "2027-03-02T08:30:00Z",
       "vehicle": {"plate": "1-WLK-002", "category": "M1"}, "contact": {"name": "Wanda", "email": "wanda@example.com"}}
      """
    And I remember the response field "id" as "wanda"
    And I send POST "/api/v1/appointments/{{wanda}}/cancel"
    When the job "inspection-reminders" runs
    And the job "mail" runs
    Then the outbox holds no email to "wanda@example.com"

  Scenario: The owner is reminded a month before the next inspection is due
    Given I am "dora"
    And I send POST "/api/v1/appointments"
      """
      {"centre_id": "{{ixelles}}", "service_id": "{{periodique}}", "slot_start": "2027-03-01T10:00:00Z",
       "vehicle": {"plate": "1-ABC-234", "category": "M1", "first_registration": "2020-05-10"},
       "contact": {"name": "Marc Dubois", "email": "marc@example.com"}}
      """
    And I remember the response field "id" as "booking"
    And I send POST "/api/v1/appointments/{{booking}}/check-in"
    And I am "victor"
    And I send POST "/api/v1/vehicle-inspections"
      """
      {"appointment_id": "{{booking}}", "mileage": 84000}
      """
    And I remember the response field "id" as "inspection"
    And the inspection "inspection" finds every point ok
    And I send POST "/api/v1/vehicle-inspections/{{inspection}}/complete"
    And the response field "next_due" is "2028-03-01"
    And the outbox holds 1 email to "marc@example.com", one about "ci-joint le certificat"
    # Five weeks before the due date: not yet.
    When 330 days pass
    And the job "inspection-reminders" runs
    And the job "mail" runs
    Then the outbox holds 1 email to "marc@example.com", one about "ci-joint le certificat"
    # Four weeks before: once, however often the job runs.
    When 7 days pass
    And the job "inspection-reminders" runs
    And the job "inspection-reminders" runs
    And the job "mail" runs
    Then the outbox holds 2 emails to "marc@example.com", one about "avant le 2028-03-01"
