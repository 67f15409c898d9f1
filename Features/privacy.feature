Feature: A person's data: export and erasure (GDPR)
  Anyone with an account can download everything Gestio holds about them, in every
  organization and every module, and see who holds what (Art. 15 and 20). They can ask to be
  forgotten (Art. 17): an admin of their organization executes the request, and the person is
  anonymized everywhere at once, leaving no name, email or phone of theirs in the database,
  while ledgers and numbering stay intact; the documents about them (an owner's notices and
  statements, which print their name) are deleted, and their bytes with them. When the law requires keeping records (Belgian
  co-ownership accounts for 7 years, unpaid dues until settled), the request answers 409 with
  the legal reason and what is kept until when; the login closes meanwhile, and a job completes
  the erasure when the holds end.

  Background:
    Given the API is running
    And the syndic "sam" of "Résidence Tilleuls" manages the building "Tilleuls" of 1000 tantièmes
    And the building has the lots:
      | number | type      | tantiemes |
      | A      | apartment | 1000      |
    And "sam" invites "zoe" as "owner"
    And "zoe" registers with the invitation
    And I am "sam"
    And I send POST "/api/v1/owners"
      """
      {"name": "Zoé Vandermeulen", "email": "zoe@example.com", "phone": "+32 470 12 34 56", "address": "Rue Haute 5, 4000 Liège"}
      """
    And I remember the response field "id" as "zoeOwner"

  Scenario: A person downloads everything held about them, and who holds it
    Given I am "zoe"
    When I send GET "/api/v1/me/data-export"
    Then the response status is 200
    And the response field "user_id" is "{{zoe.id}}"
    And the response field "data" has an item whose "kind" is "account"
    And the response field "data" has an item whose "kind" is "owner records"
    And the response field "data" has an item whose "kind" is "invitations"
    And the response field "data" has an item whose "kind" is "sign-in sessions"
    And the response field "organizations" has an item whose "name" is "Résidence Tilleuls"
    And the response text contains "Vandermeulen"
    And the response text contains "+32 470 12 34 56"
    Given I am "sam"
    When I send GET "/api/v1/me/data-export"
    Then the response text does not contain "Vandermeulen"

  Scenario: With nothing to keep, an admin's execution leaves no trace of the person
    When I send POST "/api/v1/owners/{{zoeOwner}}/statement/document"
    Then the response status is 201
    And I remember the response field "id" as "statement"
    When the document "{{statement}}" has been read
    And I send GET "/api/v1/search?q=Vandermeulen"
    Then the response field "data" has 1 items
    Given I am "zoe"
    When I send POST "/api/v1/me/erasure-request"
    Then the response status is 202
    And the response field "status" is "pending"
    And I remember the response field "id" as "request"
    Given I am "sam"
    When I send GET "/api/v1/admin/erasure-requests"
    Then the response field "data" has an item whose "user_id" is "{{zoe.id}}"
    When I send POST "/api/v1/admin/erasure-requests/{{request}}/execute"
    Then the response status is 200
    And the response field "status" is "done"
    And no table of the database holds "zoe@example.com"
    And no table of the database holds "Vandermeulen"
    And no table of the database holds "+32 470 12 34 56"
    And no table of the database holds "Rue Haute 5"
    When I send GET "/api/v1/owners/{{zoeOwner}}"
    Then the response field "name" is "Erased owner"
    When I send GET "/api/v1/documents/{{statement}}"
    Then the response is a problem 404 with code "not_found"
    When I send GET "/api/v1/search?q=Vandermeulen"
    Then the response field "data" has 0 items
    When the job "documents-purge" runs
    Then the platform's audit log records a run of "documents-purge" that deleted 1 blobs
    When "zoe" tries to log in
    Then the response is a problem 401 with code "invalid_credentials"
    When I send GET "/api/v1/audit-log?entity=user"
    Then the response field "data" has an item whose "action" is "privacy.erased"
    And the audit log of "sam"'s organization verifies once sealed

  Scenario: Only an admin of one of the person's organizations executes a request
    Given I am "zoe"
    And I send POST "/api/v1/me/erasure-request"
    And I remember the response field "id" as "request"
    When I send POST "/api/v1/admin/erasure-requests/{{request}}/execute"
    Then the response is a problem 403 with code "forbidden"
    Given "olivia" has registered the organization "Ailleurs"
    And I am "olivia"
    When I send POST "/api/v1/admin/erasure-requests/{{request}}/execute"
    Then the response is a problem 404 with code "not_found"
    When I send GET "/api/v1/admin/erasure-requests"
    Then the response field "data" has 0 items

  Scenario: Co-ownership accounts hold the erasure: the login closes, and a job completes it when the holds end
    Given today is "2026-01-05"
    And I send POST "/api/v1/lots/{{lotA}}/ownerships"
      """
      {"owner_id": "{{zoeOwner}}", "share": "1", "start_date": "2020-01-01"}
      """
    And I send POST "/api/v1/buildings/{{building}}/call-for-funds"
      """
      {"title": "T1", "period": "quarterly", "ordinary_amount": "1000", "call_date": "2026-01-05", "due_date": "2026-02-05"}
      """
    And I remember the response field "id" as "t1"
    And I send PUT "/api/v1/call-for-funds/{{t1}}/send"
    And the response status is 200
    When I send GET "/api/v1/owners/{{zoeOwner}}/statement"
    Then the response field "balance" is "1000.00"
    Given I am "zoe"
    When I send POST "/api/v1/me/erasure-request"
    Then the response is a problem 409 with code "erasure_held"
    And the response field "holds" has an item whose "kept" is "the owner record and its unpaid contributions"
    And the response field "holds" has an item whose "kept_until" is "2033-01-05T00:00:00Z"
    When "zoe" tries to log in
    Then the response is a problem 403 with code "account_disabled"
    Given I am "sam"
    And I send POST "/api/v1/call-for-funds/{{t1}}/payments"
      """
      {"owner_id": "{{zoeOwner}}", "amount": "1000", "paid_on": "2026-02-01"}
      """
    When the job "erasure-holds" runs
    Then the table "owners" still holds "Vandermeulen"
    Given today is "2033-02-02"
    When the job "erasure-holds" runs
    Then no table of the database holds "Vandermeulen"
    And no table of the database holds "zoe@example.com"
    Given "sam" logs in
    When I send GET "/api/v1/owners/{{zoeOwner}}/statement"
    Then the response status is 200
    And the response field "balance" is "0.00"

  Scenario: A person corrects their own account; a new email takes effect once a link sent to it is followed
    Given I am "zoe"
    When I send PATCH "/api/v1/me"
      """
      {"name": "Zoé V.", "phone": "+32 470 99 88 77"}
      """
    Then the response status is 200
    And the response field "name" is "Zoé V."
    And the response field "phone" is "+32 470 99 88 77"
    When I send PATCH "/api/v1/me"
      """
      {"name": "   "}
      """
    Then the response is a problem 422 with code "validation_failed"
    When I send POST "/api/v1/me/email"
      """
      {"email": "sam@example.com"}
      """
    Then the response is a problem 409 with code "email_taken"
    When I send POST "/api/v1/me/email"
      """
      {"email": "zoe.new@example.com"}
      """
    Then the response status is 202
    And the outbox holds 1 email to "zoe.new@example.com", one about "confirm it within 24 hours"
    When I send GET "/api/v1/auth/me"
    Then the response field "email" is "zoe@example.com"
    Given I remember the token of the link "/account/email/confirm" mailed to "zoe.new@example.com" as "confirm"
    When I send POST "/api/v1/account/email/confirm"
      """
      {"token": "{{confirm}}"}
      """
    Then the response status is 200
    And the response field "email" is "zoe.new@example.com"
    When I send POST "/api/v1/account/email/confirm"
      """
      {"token": "{{confirm}}"}
      """
    Then the response is a problem 422 with code "invalid_confirmation_token"
    When I send POST "/api/v1/auth/login"
      """
      {"email": "zoe.new@example.com", "password": "correct-horse-battery"}
      """
    Then the response status is 200
    Given I am "sam"
    When I send GET "/api/v1/owners/{{zoeOwner}}"
    Then the response field "email" is "zoe@example.com"

  Scenario: Consents are recorded with the version of the text, for members and for owners without an account
    Given I am "zoe"
    When I send POST "/api/v1/me/consents"
      """
      {"purpose": "newsletter", "text_version": "2026-01"}
      """
    Then the response status is 201
    And the response field "active" is true
    And I remember the response field "id" as "newsletter"
    When I send POST "/api/v1/me/consents"
      """
      {"purpose": "Bad Purpose!", "text_version": "1"}
      """
    Then the response is a problem 422 with code "validation_failed"
    And the problem names the field "purpose"
    Given I am "sam"
    When I send POST "/api/v1/me/consents/{{newsletter}}/withdraw"
    Then the response is a problem 404 with code "not_found"
    Given I am "zoe"
    When I send POST "/api/v1/me/consents/{{newsletter}}/withdraw"
    Then the response status is 200
    And the response field "active" is false
    When I send POST "/api/v1/me/consents/{{newsletter}}/withdraw"
    Then the response is a problem 409 with code "illegal_transition"
    When I send GET "/api/v1/me/consents"
    Then the response field "data" has 1 items
    And the response field "data[0].text_version" is "2026-01"
    Given I am "sam"
    When I send POST "/api/v1/owners/{{zoeOwner}}/consents"
      """
      {"purpose": "convocations_by_email", "text_version": "v3", "given_at": "2026-06-01T10:00:00Z"}
      """
    Then the response status is 201
    And the response field "owner_id" is "{{zoeOwner}}"
    And the response field "given_at" is "2026-06-01T10:00:00Z"
    When I send GET "/api/v1/owners/{{zoeOwner}}/consents"
    Then the response field "data" has 1 items
    Given "olivia" has registered the organization "Ailleurs"
    And I am "olivia"
    When I send GET "/api/v1/owners/{{zoeOwner}}/consents"
    Then the response is a problem 404 with code "not_found"
    Given I am "zoe"
    When I send GET "/api/v1/me/data-export"
    Then the response field "data" has an item whose "kind" is "consents"

  Scenario: A person restricts the processing of their data: the account turns read-only until they lift it
    Given I am "zoe"
    When I send POST "/api/v1/me/restriction"
    Then the response status is 200
    And the response field "processing_restricted" is true
    When I send PATCH "/api/v1/me"
      """
      {"name": "Zoé"}
      """
    Then the response is a problem 403 with code "processing_restricted"
    When I send POST "/api/v1/me/consents"
      """
      {"purpose": "newsletter", "text_version": "2026-01"}
      """
    Then the response is a problem 403 with code "processing_restricted"
    When I send GET "/api/v1/me/data-export"
    Then the response status is 200
    When I send DELETE "/api/v1/me/restriction"
    Then the response field "processing_restricted" is false
    When I send PATCH "/api/v1/me"
      """
      {"name": "Zoé"}
      """
    Then the response status is 200

  Scenario: Reads of a person's data by others are logged, shown to the person, and forgotten after the retention period
    Given I am "sam"
    When I send GET "/api/v1/owners/{{zoeOwner}}"
    Then the response status is 200
    When I send GET "/api/v1/users/{{zoe.id}}"
    Then the response status is 200
    Given I am "zoe"
    When I send GET "/api/v1/users/{{zoe.id}}"
    Then the response status is 200
    When I send GET "/api/v1/me/data-export"
    Then the response field "data" has an item whose "kind" is "reads of your data by others"
    And the response text contains "owner record"
    And the response text contains "member profile"
    And the response text contains "{{sam.id}}"
    Given 364 days pass
    And the job "access-log-retention" runs
    And "zoe" logs in
    When I send GET "/api/v1/me/data-export"
    Then the response field "data" has an item whose "kind" is "reads of your data by others"
    Given 2 days pass
    And the job "access-log-retention" runs
    And "zoe" logs in
    When I send GET "/api/v1/me/data-export"
    Then the response field "data" has no item whose "kind" is "reads of your data by others"
    And the platform's audit log records a run of "access-log-retention" that deleted 2 personal_data_reads
