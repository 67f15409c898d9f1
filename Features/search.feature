Feature: Full-text search
  Members find documents by the words of their titles, tags and file names, whatever the accents
  and case, in French (a plural finds its singular), best match first, with the words around the
  match highlighted. Each finds only what they may see: their organization's documents, and of
  those linked to an entity, only the ones whose entity they may see.

  Background:
    Given the API is running
    And the syndic "sam" of "Résidence Tilleuls" manages the building "Tilleuls" of 1000 tantièmes
    And I am "sam"
    When I upload a PDF saying "Devis" as "devis-ascenseur.pdf" to "/api/v1/documents" with the fields:
      | field | value                              |
      | title | Devis de réparation de l'ascenseur |
      | type  | quote                              |
      | tags  | ascenseur, urgent                  |
    And I remember the response field "id" as "quote"
    And I upload a PDF saying "Plan" as "plan.pdf" to "/api/v1/buildings/{{building}}/documents" with the fields:
      | field | value            |
      | title | Plan des façades |
      | type  | plan             |

  Scenario: Words are found whatever their accents, case and number, best first, with a snippet
    When I send GET "/api/v1/search?q=ascenseurs"
    Then the response status is 200
    And the response field "data" has 1 items
    And the response field "data[0].id" is "{{quote}}"
    And the response field "data[0].type" is "document"
    And the response field "data[0].kind" is "quote"
    And the response field "data[0].snippet" contains "<mark>l'ascenseur</mark>"
    When I send GET "/api/v1/search?q=FACADES"
    Then the response field "data" has 1 items
    And the response field "data[0].title" is "Plan des façades"
    And the response field "data[0].entity_type" is "building"
    When I send GET "/api/v1/search?q=reparation%20urgent"
    Then the response field "data[0].id" is "{{quote}}"
    When I send GET "/api/v1/search?q=ascenseur&kind=plan"
    Then the response field "data" has 0 items
    When I send GET "/api/v1/search?q=%20%21"
    Then the response is a problem 422 with code "validation_failed"
    And the problem names the field "q"
    When I send GET "/api/v1/search?q=plan&type=invoice"
    Then the response is a problem 422 with code "validation_failed"

  Scenario: Each finds only what they may see, and a deleted document leaves the index
    Given "sam" invites "tom" as "technicien"
    And "tom" registers with the invitation
    And I am "tom"
    When I send GET "/api/v1/search?q=facades"
    Then the response field "data" has 0 items
    When I send GET "/api/v1/search?q=ascenseur"
    Then the response field "data" has 1 items
    Given "olivia" has registered the organization "Ailleurs"
    And I am "olivia"
    When I send GET "/api/v1/search?q=ascenseur"
    Then the response field "data" has 0 items
    Given I am "sam"
    When I send DELETE "/api/v1/documents/{{quote}}"
    And I send GET "/api/v1/search?q=ascenseur"
    Then the response field "data" has 0 items

  Scenario: The index is rebuilt from the documents
    Given the search index is rebuilt
    When I send GET "/api/v1/search?q=devis"
    Then the response field "data[0].id" is "{{quote}}"
