Feature: Documents kept in versions, for every module
  An organization keeps its plans, quotes, invoices, minutes and certificates as documents,
  each with its versions. A document may be linked to a building, a lot, an owner, an
  intervention, a piece of equipment, a ride or a journal entry, and whoever may see that
  entity sees its documents. A file's type is told from its bytes, never from what the client
  says; the organization's storage has a quota; downloads carry the original name and answer
  ETag and Range requests. Another organization's document does not exist.

  Background:
    Given the API is running
    And the syndic "sam" of "Résidence Tilleuls" manages the building "Tilleuls" of 1000 tantièmes
    And I am "sam"

  Scenario: A plan is uploaded for a building, gets a new version, and its first version stays downloadable
    When I upload a PDF saying "Plan du rez-de-chaussee, version 1" as "plan-rdc.pdf" to "/api/v1/buildings/{{building}}/documents" with the fields:
      | field | value                   |
      | title | Plan du rez-de-chaussée |
      | type  | plan                    |
      | tags  | plans, RDC              |
    Then the response status is 201
    And the response field "title" is "Plan du rez-de-chaussée"
    And the response field "type" is "plan"
    And the response field "entity_type" is "building"
    And the response field "entity_id" is "{{building}}"
    And the response field "tags" lists "plans, rdc"
    And the response field "current_version" is the number 1
    And the response field "versions[0].media_type" is "application/pdf"
    And the response field "versions[0].file_name" is "plan-rdc.pdf"
    And I remember the response field "id" as "plan"
    When I upload a PDF saying "Plan du rez-de-chaussee, version 2" as "plan-rdc-v2.pdf" to "/api/v1/documents/{{plan}}/versions"
    Then the response status is 201
    And the response field "current_version" is the number 2
    And the response field "versions" has 2 items
    When I send GET "/api/v1/documents/{{plan}}/versions/1/content"
    Then the response status is 200
    And the response header "Content-Type" is "application/pdf"
    And the download is named "plan-rdc.pdf"
    And the response text contains "Plan du rez-de-chaussee, version 1"
    And I remember the response header "ETag" as "etag"
    When I send GET "/api/v1/documents/{{plan}}/versions/1/content" with the header "If-None-Match" set to what I remembered as "etag"
    Then the response status is 304
    When I send GET "/api/v1/documents/{{plan}}/versions/2/content" with the header "Range" set to "bytes=0-4"
    Then the response status is 206
    And the response body is "%PDF-"
    When I send GET "/api/v1/documents/{{plan}}/versions/2/content" with the header "Range" set to "bytes=999999-"
    Then the response is a problem 416 with code "range_not_satisfiable"
    When I send GET "/api/v1/documents/{{plan}}/versions/3/content"
    Then the response is a problem 404 with code "not_found"
    When I send GET "/api/v1/buildings/{{building}}/documents"
    Then the response field "data" has 1 items
    When I send GET "/api/v1/documents?q=rdc"
    Then the response field "data" has an item whose "id" is "{{plan}}"
    When I send GET "/api/v1/documents?type=invoice"
    Then the response field "data" has 0 items

  Scenario: A file is judged by its bytes, not by its name or declared type
    When I upload a png file as "facture.pdf" to "/api/v1/documents"
    Then the response is a problem 415 with code "media_type_mismatch"
    When I upload a PDF saying "Facture" as "facture.pdf" declared as "image/png" to "/api/v1/documents"
    Then the response is a problem 415 with code "media_type_mismatch"
    When I upload a executable file as "setup.pdf" to "/api/v1/documents"
    Then the response is a problem 415 with code "unsupported_media_type"
    When I upload a empty file as "vide.pdf" to "/api/v1/documents"
    Then the response is a problem 422 with code "empty_file"
    When I upload a zip-bomb file as "rapport.docx" to "/api/v1/documents"
    Then the response is a problem 422 with code "suspicious_archive"
    When I upload a docx file as "rapport.docx" to "/api/v1/documents"
    Then the response status is 201
    And the response field "versions[0].media_type" is "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    When I upload a odt file as "note.odt" to "/api/v1/documents"
    Then the response status is 201
    And the response field "versions[0].media_type" is "application/vnd.oasis.opendocument.text"
    When I upload a png file as "Façade Öztürk.png" to "/api/v1/documents"
    Then the response status is 201
    And the response field "title" is "Façade Öztürk.png"
    And I remember the response field "id" as "photo"
    When I send GET "/api/v1/documents/{{photo}}/versions/1/content"
    Then the download is named "Façade Öztürk.png"

  Scenario: The organization's quota holds; the same bytes are stored once
    Given the organization of "sam" may store 1200 bytes of documents
    When I upload a PDF saying "Devis toiture" as "devis.pdf" to "/api/v1/documents"
    Then the response status is 201
    When I upload a PDF saying "Devis toiture" as "devis-copie.pdf" to "/api/v1/documents"
    Then the response status is 201
    When I upload a PDF saying "Devis facade, un autre texte" as "facade.pdf" to "/api/v1/documents"
    Then the response is a problem 409 with code "quota_exceeded"
    And the response field "limit_bytes" is the number 1200

  Scenario: Another organization's documents do not exist for it
    When I upload a PDF saying "Contrat syndic" as "contrat.pdf" to "/api/v1/documents"
    And I remember the response field "id" as "contract"
    Given "olivia" has registered the organization "Ailleurs"
    And I am "olivia"
    When I send GET "/api/v1/documents/{{contract}}"
    Then the response is a problem 404 with code "not_found"
    When I send GET "/api/v1/documents/{{contract}}/versions/1/content"
    Then the response is a problem 404 with code "not_found"
    When I send DELETE "/api/v1/documents/{{contract}}"
    Then the response is a problem 404 with code "not_found"
    When I send GET "/api/v1/documents"
    Then the response field "data" has 0 items
    When I upload a PDF saying "Intrusion" as "x.pdf" to "/api/v1/buildings/{{building}}/documents"
    Then the response is a problem 404 with code "not_found"

  Scenario: A document supporting a posted ledger entry is kept; others can be deleted
    Given the building's chart has the accounts:
      | code | label                    |
      | 610  | Entretien et réparations |
    When I send POST "/api/v1/buildings/{{building}}/journal-entries"
      """
      {"journal": "ACH", "type": "manual", "entry_date": "2026-02-10", "description": "Facture ascenseur",
       "lines": [{"account_code": "610", "debit": "1210.00"}, {"account_code": "440", "credit": "1210.00"}]}
      """
    And I remember the response field "id" as "entry"
    When I upload a PDF saying "Facture ascenseur" as "facture.pdf" to "/api/v1/journal-entries/{{entry}}/documents"
    Then the response status is 201
    And I remember the response field "id" as "invoice"
    When I send DELETE "/api/v1/documents/{{invoice}}"
    Then the response is a problem 409 with code "document_retained"
    When I upload a PDF saying "Brouillon" as "brouillon.pdf" to "/api/v1/documents"
    And I remember the response field "id" as "draft"
    When I send DELETE "/api/v1/documents/{{draft}}"
    Then the response status is 204
    When I send GET "/api/v1/documents/{{draft}}"
    Then the response is a problem 404 with code "not_found"
    Given 31 days pass
    And the job "documents-purge" runs
    Then the platform's audit log records a run of "documents-purge" that deleted 1 documents
    And the platform's audit log records a run of "documents-purge" that deleted 1 blobs

  Scenario: An owner's statement is made a PDF and kept with the owner's documents
    When I send POST "/api/v1/owners"
      """
      {"name": "Zoé Wiśniewski", "email": "zoe@example.com"}
      """
    And I remember the response field "id" as "owner"
    When I send POST "/api/v1/owners/{{owner}}/statement/document"
    Then the response status is 201
    And the response field "entity_type" is "owner"
    And the response field "entity_id" is "{{owner}}"
    And the response field "versions[0].media_type" is "application/pdf"
    And the response field "title" contains "Décompte du propriétaire au "
    And I remember the response field "id" as "statement"
    When I send GET "/api/v1/documents/{{statement}}/versions/1/content"
    Then the response status is 200
    And the downloaded PDF reads "Propriétaire : Zoé Wiśniewski"
    And the downloaded PDF reads "Solde dû : 0,00 €"
    When I send GET "/api/v1/owners/{{owner}}/documents"
    Then the response field "data" has 1 items
