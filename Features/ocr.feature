Feature: The text of scanned documents is read, and an invoice's fields are found in it
  An uploaded PDF or image is read after the upload returns: a PDF's text layer page by page,
  and Tesseract's OCR for a scan. The document shows how far the reading is; once it is done,
  the uploader is told, the text is searchable, and an invoice gives its fields (amounts, dates,
  the supplier, the invoice number, the IBAN, BIC and VAT number checked by their check digits,
  and the structured communication), each with its confidence and the text it was read from.

  Background:
    Given the API is running
    And the syndic "sam" of "Résidence Tilleuls" manages the building "Tilleuls" of 1000 tantièmes
    And I am "sam"

  Scenario: A plumber's scanned invoice is read and its fields are found
    When I upload the scan of the invoice "invoice-01" as "facture-dubois.png" to "/api/v1/buildings/{{building}}/documents" with the fields:
      | field | value          |
      | title | Facture Dubois |
      | type  | invoice        |
    Then the response status is 201
    And the response field "ocr.status" is "pending"
    And I remember the response field "id" as "invoice"
    When the document "{{invoice}}" has been read
    Then the response field "ocr.status" is "done"
    And the response field "ocr.pages_done" is the number 1
    And the response field "ocr.pages_total" is the number 1
    When I send GET "/api/v1/documents/{{invoice}}/text"
    Then the response status is 200
    And the response field "text" contains "Plomberie Dubois"
    And the fields read are:
      | name                     | value                |
      | supplier_name            | Plomberie Dubois SRL |
      | invoice_number           | 2026/1940            |
      | invoice_date             | 2026-02-10           |
      | due_date                 | 2026-03-10           |
      | net_amount               | 2666.94              |
      | vat_rate                 | 21                   |
      | vat                      | 560.06               |
      | total                    | 3227.00              |
      | iban                     | BE66311782855743     |
      | bic                      | GKCCBEBB             |
      | vat_number               | BE0854541096         |
      | structured_communication | 123179448420         |
    When I send GET "/api/v1/notifications"
    Then the response field "data[0].type" is "document.read"
    When I send GET "/api/v1/search?q=pieces detachees"
    Then the response field "data" has an item whose "id" is "{{invoice}}"

  Scenario: A scanned PDF has no text layer: its page is rendered and read; reading again changes nothing while it runs
    When I upload the invoice "invoice-03" as a scanned PDF "factuur-peeters.pdf" to "/api/v1/documents" with the fields:
      | field | value   |
      | type  | invoice |
    Then the response status is 201
    And I remember the response field "id" as "scan"
    When the document "{{scan}}" has been read
    Then the response field "ocr.status" is "done"
    When I send GET "/api/v1/documents/{{scan}}/text"
    Then the fields read are:
      | name    | value            |
      | iban    | BE36886158834181 |
      | total   | 2970.11          |
      | vat     | 318.23           |
      | vat_rate | 12               |
    When I send POST "/api/v1/documents/{{scan}}/text"
    Then the response status is 202
    And the response field "status" is "pending"
    When I send POST "/api/v1/documents/{{scan}}/text"
    Then the response status is 202
    When the document "{{scan}}" has been read
    Then the response field "ocr.status" is "done"
    When I send GET "/api/v1/audit-log?entity=document&entity_id={{scan}}"
    Then the response field "data[0].action" is "document.reread"
    And the response field "data[1].action" is "document.created"

  Scenario: A file without text to read, and another organization's text
    When I upload a docx file as "budget.docx" to "/api/v1/documents"
    Then the response status is 201
    And the response has no field "ocr"
    And I remember the response field "id" as "sheet"
    When I send GET "/api/v1/documents/{{sheet}}/text"
    Then the response is a problem 409 with code "not_readable"
    When I upload a PDF saying "Contrat de nettoyage" as "contrat.pdf" to "/api/v1/documents"
    And I remember the response field "id" as "contract"
    Given the syndic "vera" of "Résidence Vergers" manages the building "Vergers" of 1000 tantièmes
    And I am "vera"
    When I send GET "/api/v1/documents/{{contract}}/text"
    Then the response is a problem 404 with code "not_found"
    When I send POST "/api/v1/documents/{{contract}}/text"
    Then the response is a problem 404 with code "not_found"
