Feature: Work reports and warranties
  A contractor documents the works done in a building: what, when, for how much, under which
  invoice. The syndic makes the report and sends the contractor a link, valid 72 hours, through
  which they fill it in without an account. The syndic reviews it, asks for a correction or
  validates it. The warranty (none, two years, ten years or custom) runs from the works'
  acceptance, and the syndic is told 90 days before it ends. A works invoice is approved only
  with a validated report.

  Background:
    Given the API is running
    And today is "2026-03-02"
    And the syndic "sam" of "Syndic Dupont" manages the building "Résidence Les Tilleuls" of 1000 tantièmes
    When I send POST "/api/v1/suppliers"
      """
      {"name": "Ascenseurs Lemaire", "vat_number": "BE0854541096", "email": "bureau@lemaire.example"}
      """
    Then the response status is 201
    And I remember the response field "id" as "lemaire"

  Scenario: The contractor fills in the report through the link, the syndic asks a correction, then validates
    When I send POST "/api/v1/buildings/{{building}}/work-reports"
      """
      {"supplier_id": "{{lemaire}}", "work_kind": "Remplacement des câbles de l'ascenseur"}
      """
    Then the response status is 201
    And the response field "status" is "draft"
    And the response field "supplier_name" is "Ascenseurs Lemaire"
    And the response field "link_expires_at" is "2026-03-05T09:00:00Z"
    And I remember the response field "id" as "report"
    And I remember the contractor link mailed to "bureau@lemaire.example" as "link"
    Given I am anonymous
    When I send GET "/api/v1/contractor/work-reports/{{link}}"
    Then the response status is 200
    And the response field "work_kind" is "Remplacement des câbles de l'ascenseur"
    When I send PUT "/api/v1/contractor/work-reports/{{link}}"
      """
      {"started_on": "2026-02-23", "finished_on": "2026-02-24", "cost": "4850.00", "hours_worked": 14,
       "contractor_comment": "Câbles et poulies remplacés", "warranty": {"kind": "two_years"}, "submit": true}
      """
    Then the response status is 200
    And the response field "status" is "submitted"
    When I send PUT "/api/v1/contractor/work-reports/{{link}}"
      """
      {"cost": "1.00"}
      """
    Then the response is a problem 409 with code "illegal_transition"
    When I send GET "/api/v1/contractor/work-reports/not-a-link"
    Then the response is a problem 404 with code "not_found"
    Given I am "sam"
    When I send POST "/api/v1/work-reports/{{report}}/review"
    Then the response field "status" is "under_review"
    When I send POST "/api/v1/work-reports/{{report}}/request-correction"
      """
      {"comment": "Joindre le certificat du SECT"}
      """
    Then the response field "status" is "requires_correction"
    And the response field "review_comment" is "Joindre le certificat du SECT"
    Given I am anonymous
    When I send PUT "/api/v1/contractor/work-reports/{{link}}"
      """
      {"accepted_on": "2026-02-27", "contractor_comment": "Certificat SECT joint", "submit": true}
      """
    Then the response field "status" is "submitted"
    Given I am "sam"
    And I send POST "/api/v1/work-reports/{{report}}/review"
    When I send POST "/api/v1/work-reports/{{report}}/validate"
    Then the response field "status" is "validated"
    And the response field "warranty.kind" is "two_years"
    And the response field "warranty.ends_on" is "2028-02-26"
    And the response field "under_warranty" is true
    And the response field "cost" is "4850.00"

  Scenario: The link works 72 hours; the syndic sends a new one
    Given I send POST "/api/v1/buildings/{{building}}/work-reports"
      """
      {"supplier_id": "{{lemaire}}", "work_kind": "Peinture de la cage d'escalier"}
      """
    And I remember the response field "id" as "report"
    And I remember the contractor link mailed to "bureau@lemaire.example" as "old"
    Given today is "2026-03-06"
    And I am anonymous
    When I send GET "/api/v1/contractor/work-reports/{{old}}"
    Then the response is a problem 410 with code "link_expired"
    Given "sam" logs in
    And I am "sam"
    When I send POST "/api/v1/work-reports/{{report}}/send-link"
    Then the response field "link_expires_at" is "2026-03-09T09:00:00Z"
    And I remember the contractor link of the response as "new"
    Given I am anonymous
    When I send GET "/api/v1/contractor/work-reports/{{new}}"
    Then the response status is 200
    When I send GET "/api/v1/contractor/work-reports/{{old}}"
    Then the response is a problem 404 with code "not_found"

  Scenario: Warranties end from the acceptance; the syndic is told once, 90 days before
    Given I send POST "/api/v1/buildings/{{building}}/work-reports"
      """
      {"supplier_id": "{{lemaire}}", "work_kind": "Étanchéité de la toiture", "send_link": false,
       "started_on": "2016-04-01", "finished_on": "2016-05-20", "accepted_on": "2016-06-01",
       "warranty": {"kind": "ten_years"}}
      """
    And I remember the response field "id" as "roof"
    And I send POST "/api/v1/work-reports/{{roof}}/submit"
    And I send POST "/api/v1/work-reports/{{roof}}/review"
    And I send POST "/api/v1/work-reports/{{roof}}/validate"
    Then the response field "warranty.ends_on" is "2026-05-31"
    And the response field "warranty_ends_soon" is true
    Given I send POST "/api/v1/buildings/{{building}}/work-reports"
      """
      {"supplier_id": "{{lemaire}}", "work_kind": "Porte du garage", "send_link": false,
       "finished_on": "2025-12-10", "accepted_on": "2025-12-15", "warranty": {"kind": "custom", "months": 18}}
      """
    And I remember the response field "id" as "door"
    And I send POST "/api/v1/work-reports/{{door}}/submit"
    And I send POST "/api/v1/work-reports/{{door}}/review"
    When I send POST "/api/v1/work-reports/{{door}}/validate"
    Then the response field "warranty.ends_on" is "2027-06-14"
    And the response field "warranty_ends_soon" is false
    When I send GET "/api/v1/buildings/{{building}}/work-reports?warranty_expiring_within=90"
    Then the response field "data" has 1 items
    And the response field "data[0].work_kind" is "Étanchéité de la toiture"
    When the job "work-report-warranties" runs
    And the job "work-report-warranties" runs
    And I send GET "/api/v1/notifications"
    Then the response field "data" has 1 items
    And the response field "data[0].type" is "legal_file.warranty_ending"
    And the response field "data[0].title" is "Garantie « Étanchéité de la toiture » jusqu'au 2026-05-31"
    Given today is "2026-06-01"
    And "sam" logs in
    When I send GET "/api/v1/work-reports/{{roof}}"
    Then the response field "under_warranty" is false

  Scenario: A works invoice is approved only with a validated report linked to it
    Given the building's chart has the accounts:
      | code | label                    |
      | 610  | Entretien et réparations |
    And I send POST "/api/v1/buildings/{{building}}/invoices"
      """
      {"supplier_id": "{{lemaire}}", "category": "works", "nature": "extraordinary", "charge_account": "610",
       "invoice_date": "2026-03-02", "due_date": "2026-04-01", "net_amount": "1000.00", "vat_rate": "6"}
      """
    And I remember the response field "id" as "invoice"
    And I send POST "/api/v1/invoices/{{invoice}}/submit"
    When I send POST "/api/v1/invoices/{{invoice}}/approve"
    Then the response is a problem 409 with code "work_report_required"
    Given I send POST "/api/v1/buildings/{{building}}/work-reports"
      """
      {"supplier_id": "{{lemaire}}", "invoice_id": "{{invoice}}", "work_kind": "Remplacement de la serrure",
       "send_link": false, "finished_on": "2026-03-01", "accepted_on": "2026-03-02"}
      """
    And I remember the response field "id" as "report"
    And I send POST "/api/v1/work-reports/{{report}}/submit"
    And I send POST "/api/v1/work-reports/{{report}}/review"
    When I send POST "/api/v1/invoices/{{invoice}}/approve"
    Then the response is a problem 409 with code "work_report_required"
    Given I send POST "/api/v1/work-reports/{{report}}/validate"
    When I send POST "/api/v1/invoices/{{invoice}}/approve"
    Then the response field "status" is "approved"

  Scenario: Reports are refused when they say something impossible
    When I send POST "/api/v1/buildings/{{building}}/work-reports"
      """
      {"supplier_id": "{{lemaire}}", "work_kind": "Toiture", "started_on": "2026-02-05", "finished_on": "2026-02-01"}
      """
    Then the response is a problem 422 with code "validation_failed"
    And the problem names the field "finished_on"
    When I send POST "/api/v1/buildings/{{building}}/work-reports"
      """
      {"supplier_id": "{{lemaire}}", "work_kind": "Toiture", "warranty": {"kind": "custom"}}
      """
    Then the response is a problem 422 with code "validation_failed"
    And the problem names the field "warranty.months"
    When I send POST "/api/v1/buildings/{{building}}/work-reports"
      """
      {"supplier_id": "{{lemaire}}", "work_kind": "Toiture", "finished_on": "2026-03-03"}
      """
    Then the response is a problem 422 with code "validation_failed"
    And the problem names the field "finished_on"
    When I send POST "/api/v1/buildings/{{building}}/work-reports"
      """
      {"supplier_id": "{{building}}", "work_kind": "Toiture"}
      """
    Then the response is a problem 422 with code "validation_failed"
    And the problem names the field "supplier_id"
    Given I send POST "/api/v1/buildings/{{building}}/work-reports"
      """
      {"supplier_id": "{{lemaire}}", "work_kind": "Toiture", "send_link": false}
      """
    And I remember the response field "id" as "report"
    When I send POST "/api/v1/work-reports/{{report}}/submit"
    Then the response is a problem 422 with code "validation_failed"
    And the problem names the field "finished_on"
    When I send POST "/api/v1/work-reports/{{report}}/reject"
      """
      {"comment": "Hors contrat"}
      """
    Then the response is a problem 409 with code "illegal_transition"
