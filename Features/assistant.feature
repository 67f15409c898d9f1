Feature: The centre's booking assistant
  A customer talks to the centre's assistant in French, Dutch or English. Its built-in engine
  needs no external service: it understands the main requests and answers from the centre's own
  data (prices, opening hours, papers to bring, the customer's results, what a defect means).
  For a customer account (the desk books through the API itself) it books, moves and cancels through the same rules as the API, and
  only after the customer answered yes to what it proposed. On the centre's public page, without
  an account, it answers questions and sends booking changes to the form and the mailed links.

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
    And I send POST "/api/v1/centres/{{ixelles}}/services"
      """
      {"name": "Contre-visite", "kind": "reinspection", "durations": {"M1": 15}, "price": "12.00"}
      """
    And the inspector "victor" works at the centre "ixelles" on weekdays "08:00-12:00", certified for "M1"
    # Carl's car was inspected this morning: its brakes failed.
    And I am "carl"
    And I send POST "/api/v1/appointments"
      """
      {"centre_id": "{{ixelles}}", "service_id": "{{periodique}}", "slot_start": "2027-03-01T10:00:00Z",
       "vehicle": {"plate": "2-CAR-001", "category": "M1"}}
      """
    And I remember the response field "id" as "morning"
    And I am "dora"
    And I send POST "/api/v1/appointments/{{morning}}/check-in"
    And I am "victor"
    And I send POST "/api/v1/vehicle-inspections"
      """
      {"appointment_id": "{{morning}}"}
      """
    And I remember the response field "id" as "inspection"
    And the inspection "inspection" finds every point ok except:
      | code | severity | measured |
      | 1.2  | major    | 38       |
    And I send POST "/api/v1/vehicle-inspections/{{inspection}}/complete"

  Scenario: The customer books the re-inspection through the assistant, after saying yes
    Given I am "carl"
    When I send POST "/api/v1/assistant/conversations"
      """
      {"centre_id": "{{ixelles}}"}
      """
    Then the response status is 201
    And the response field "messages[0].author" is "assistant"
    And the response field "messages[0].text" contains "l'assistant de Contrôle Ixelles"
    And I remember the response field "id" as "chat"
    When I send POST "/api/v1/assistant/conversations/{{chat}}/messages"
      """
      {"text": "Bonjour, je voudrais un rdv pour la contre visite de ma voiture"}
      """
    Then the response status is 200
    And the response field "messages[0].intent" is "book"
    And the response field "messages[1].text" is "Je vous propose Contre-visite pour 2-CAR-001 le 2027-03-02 à 08:00 (12,00 €). Je réserve ? (oui/non)"
    And the response field "proposal.action" is "book"
    # Nothing is booked before the yes.
    When I send GET "/api/v1/appointments?status=confirmed"
    Then the response field "data" has 0 items
    When I send POST "/api/v1/assistant/conversations/{{chat}}/messages"
      """
      {"text": "oui"}
      """
    Then the response field "messages[1].text" is "C'est réservé le 2027-03-02 à 08:00."
    And the response has no field "proposal"
    When I send GET "/api/v1/appointments?status=confirmed"
    Then the response field "data" has 1 items
    And the response field "data[0].start" is "2027-03-02T07:00:00Z"
    And I remember the response field "data[0].id" as "booked"
    # Cancelling is proposed too, with the late fee (less than 24 hours before); "non" changes nothing.
    When I send POST "/api/v1/assistant/conversations/{{chat}}/messages"
      """
      {"text": "je veux annuler mon rendez-vous"}
      """
    Then the response field "messages[1].text" is "J'annule votre rendez-vous le 2027-03-02 à 08:00, avec des frais de 12,00 € ? (oui/non)"
    When I send POST "/api/v1/assistant/conversations/{{chat}}/messages"
      """
      {"text": "non merci"}
      """
    Then the response field "messages[1].text" is "D'accord, je ne change rien."
    When I send GET "/api/v1/appointments/{{booked}}"
    Then the response field "status" is "confirmed"
    When I send GET "/api/v1/assistant/conversations/{{chat}}"
    Then the response field "messages" has 9 items
    And the response field "messages[3].text" is "oui"
    # Another customer does not see the conversation.
    Given I am "cleo"
    When I send GET "/api/v1/assistant/conversations/{{chat}}"
    Then the response is a problem 404 with code "not_found"
    When I send POST "/api/v1/assistant/conversations/{{chat}}/messages"
      """
      {"text": "oui"}
      """
    Then the response is a problem 404 with code "not_found"
    # The assistant is the customers'; the desk books through the API itself.
    Given I am "dora"
    When I send POST "/api/v1/assistant/conversations"
      """
      {"centre_id": "{{ixelles}}"}
      """
    Then the response is a problem 403 with code "forbidden"

  Scenario: A question about a defect of the last inspection, the result, and a request in Dutch
    Given I am "carl"
    And I send POST "/api/v1/assistant/conversations"
      """
      {"centre_id": "{{ixelles}}"}
      """
    And I remember the response field "id" as "chat"
    When I send POST "/api/v1/assistant/conversations/{{chat}}/messages"
      """
      {"text": "Qu'est-ce que veut dire le défaut 1.2 ?"}
      """
    Then the response field "messages[0].intent" is "defect"
    And the response field "messages[1].text" contains "Au point 1.2 (Efficacité du frein de service"
    And the response field "messages[1].text" contains "contre-visite dans les 15 jours"
    When I send POST "/api/v1/assistant/conversations/{{chat}}/messages"
      """
      {"text": "est-ce que ma voiture est passée ?"}
      """
    Then the response field "messages[1].text" is "Votre véhicule 2-CAR-001, contrôlé le 2027-03-01 : défavorable (contre-visite). Contre-visite avant le 2027-03-16."
    When I send POST "/api/v1/assistant/conversations/{{chat}}/messages"
      """
      {"text": "Wat zijn de openingsuren?"}
      """
    Then the response field "language" is "nl"
    And the response field "messages[0].intent" is "hours"
    And the response field "messages[1].text" contains "Onze openingsuren:"
    And the response field "messages[1].text" contains "maandag : 08:00-17:00"
    And the response field "messages[1].text" contains "zaterdag : gesloten"
    When I send POST "/api/v1/assistant/conversations/{{chat}}/messages"
      """
      {"text": "welke documenten moet ik meebrengen voor de herkeuring"}
      """
    Then the response field "messages[1].text" contains "het inschrijvingsbewijs"
    When I send POST "/api/v1/assistant/conversations/{{chat}}/messages"
      """
      {"text": "blablabla"}
      """
    Then the response field "messages[0].intent" is "unknown"
    And the response field "messages[1].text" contains "Dat begreep ik niet."
    When I send POST "/api/v1/assistant/conversations/{{chat}}/messages"
      """
      {"text": ""}
      """
    Then the response is a problem 422 with code "validation_failed"

  Scenario: On the public page, without an account, the assistant answers and sends bookings to the form
    Given I am anonymous
    When I send POST "/api/v1/public/centres/controle-ixelles/assistant/conversations"
    Then the response status is 201
    And I remember the response field "id" as "visit"
    And I remember the response field "token" as "token"
    When I send POST "/api/v1/public/assistant/conversations/{{visit}}/messages"
      """
      {"token": "{{token}}", "text": "How much does a re-inspection cost?"}
      """
    Then the response field "language" is "en"
    And the response field "messages[1].text" contains "Contre-visite : €12.00"
    When I send POST "/api/v1/public/assistant/conversations/{{visit}}/messages"
      """
      {"token": "{{token}}", "text": "can I book a slot tomorrow?"}
      """
    Then the response field "messages[1].text" contains "Book with the form on this page"
    When I send POST "/api/v1/public/assistant/conversations/{{visit}}/messages"
      """
      {"token": "not-the-token", "text": "hello"}
      """
    Then the response is a problem 404 with code "not_found"
    When I send POST "/api/v1/public/centres/nowhere/assistant/conversations"
    Then the response is a problem 404 with code "not_found"
