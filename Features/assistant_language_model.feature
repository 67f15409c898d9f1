Feature: The booking assistant helped by a language model
  A centre may give its assistant a language model (any OpenAI-compatible API, configured by
  GESTIO_LLM_URL, GESTIO_LLM_KEY and GESTIO_LLM_MODEL). The model then answers the questions
  the built-in engine does not recognize, from the centre's facts only, and says the engine's
  answers more warmly. It never acts: booking changes are proposed by the built-in engine in its
  own words and done only after the customer's yes. When the model fails, the engine's answer
  stands. Here a local server plays the model.

  Background:
    Given the API is running
    And today is "2027-03-01"
    And the inspection company "Contrôle Ixelles" of "ines", with its members:
      | name   | role      |
      | victor | inspector |
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
    And the inspector "victor" works at the centre "ixelles" on weekdays "08:00-12:00", certified for "M1"
    And I am "carl"
    And I send POST "/api/v1/vehicles"
      """
      {"plate": "2-CAR-001", "category": "M1"}
      """
    And I send POST "/api/v1/assistant/conversations"
      """
      {"centre_id": "{{ixelles}}"}
      """
    And I remember the response field "id" as "chat"

  Scenario: A question the engine does not know is answered by the model, from the centre's facts
    When I send POST "/api/v1/assistant/conversations/{{chat}}/messages"
      """
      {"text": "Acceptez-vous les chiens dans la salle d'attente ?"}
      """
    Then the response status is 200
    And the response field "messages[0].intent" is "unknown"
    And the response field "messages[1].text" is "Le modèle répond à « Acceptez-vous les chiens dans la salle d'attente ? » d'après les informations du centre."
    And the language model was asked once
    And the language model was last told "Contrôle Ixelles, Chaussée de Boondael 1, 1050 Ixelles"
    And the language model was last told "Contrôle périodique : 45,50 €"
    And the language model was last told "lundi : 08:00-17:00"

  Scenario: An answer of the engine is said by the model, every fact kept
    When I send POST "/api/v1/assistant/conversations/{{chat}}/messages"
      """
      {"text": "Quels sont vos horaires ?"}
      """
    Then the response field "messages[0].intent" is "hours"
    And the response field "messages[1].text" contains "Avec plaisir ! Nos heures d'ouverture :"
    And the response field "messages[1].text" contains "samedi : fermé"
    And the language model was last told "Keep every fact exactly"

  Scenario: A booking is proposed by the engine in its own words, and made only after the yes
    When I send POST "/api/v1/assistant/conversations/{{chat}}/messages"
      """
      {"text": "Je voudrais prendre rendez-vous pour un contrôle périodique"}
      """
    Then the response field "proposal.action" is "book"
    And the response field "messages[1].text" is "Je vous propose Contrôle périodique pour 2-CAR-001 le 2027-03-02 à 08:00 (45,50 €). Je réserve ? (oui/non)"
    And the language model was asked 0 times
    When I send POST "/api/v1/assistant/conversations/{{chat}}/messages"
      """
      {"text": "oui"}
      """
    Then the response field "messages[1].text" contains "2027-03-02"
    And the language model was asked 0 times
    When I send GET "/api/v1/appointments?status=confirmed"
    Then the response field "data" has 1 items

  Scenario: When the model fails, the engine's answer stands
    Given the language model fails
    When I send POST "/api/v1/assistant/conversations/{{chat}}/messages"
      """
      {"text": "Quels sont vos horaires ?"}
      """
    Then the response status is 200
    And the response field "messages[1].text" contains "Nos heures d'ouverture :"
    And the response field "messages[1].text" contains "lundi : 08:00-17:00"
    And the language model was asked once

  Scenario: The greeting is in the language the visitor's browser prefers
    When I send POST "/api/v1/public/centres/controle-ixelles/assistant/conversations" with the header "Accept-Language" set to "nl-BE,nl;q=0.9,fr;q=0.8"
    Then the response status is 201
    And the response field "language" is "nl"
    And the response field "messages[0].text" contains "Hallo, ik ben de assistent van Contrôle Ixelles."
