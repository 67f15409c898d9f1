Feature: A vehicle pre-filled from its registration card
  At the desk, or at home before booking, a photo or a scan of the registration certificate
  (certificat d'immatriculation, inschrijvingsbewijs) is read at once into a vehicle's draft:
  the plate (A), the first registration (B), the make, type and commercial name (D.1 to D.3),
  the VIN (E), the category (J), the cylinder capacity, power and fuel (P.1 to P.3) and the
  roadworthiness date (X.1). The card's QR code, where it has one, is decoded and preferred to
  its text. Every field comes with its confidence; a field read with a low confidence is
  flagged for the desk to check against the card. Nothing is saved, not even the scan, until a
  person sends the checked vehicle. A reading costs seconds of OCR: an account may ask for 60
  an hour (GESTIO_CARD_READS_PER_HOUR).

  Background:
    Given the API is running
    And today is "2027-03-01"
    And the inspection company "Contrôle Ixelles" of "ines", with its members:
      | name   | role      |
      | victor | inspector |
      | dora   | desk      |
      | carl   | customer  |

  Scenario: The desk reads a card, checks the draft and records the vehicle
    Given I am "dora"
    When I send the scan of the registration card "card-01" as "carte-grise.png" to "/api/v1/vehicles/from-document"
    Then the response status is 200
    And the response field "vehicle.plate" is "1-ABC-123"
    And the response field "vehicle.first_registration" is "2019-03-14"
    And the response field "vehicle.make" is "VOLKSWAGEN"
    And the response field "vehicle.model" is "GOLF"
    And the response field "vehicle.vin" is "WVWZZZAU5KW123456"
    And the response field "vehicle.category" is "M1"
    And the response field "vehicle.fuel" is "petrol"
    And the response field "fields" has an item whose "code" is "P.1"
    And the response field "fields" has an item whose "value" is "1498"
    And the response field "fields" has an item whose "value" is "110"
    And the response field "fields" has an item whose "value" is "2027-03-14"
    And the response field "fields" has an item whose "value" is "AUV"
    And the response field "fields[0].code" is "A"
    And the response field "fields[0].read_from" is "text"
    And the response field "fields[0].source" is "1-ABC-123"
    And the response field "fields[0].needs_check" is false
    And the response field "fields[0].confidence" is a confidence above 0.8
    # The VIN's ninth character is its check digit: read and checked, it is not flagged.
    And the response field "fields[5].code" is "E"
    And the response field "fields[5].needs_check" is false
    # Nothing is kept until the desk sends the vehicle.
    When I send GET "/api/v1/vehicles"
    Then the response field "pagination.total_items" is the number 0
    When I send POST "/api/v1/vehicles"
      """
      {"plate": "1-ABC-123", "vin": "WVWZZZAU5KW123456", "make": "VOLKSWAGEN", "model": "GOLF",
       "category": "M1", "fuel": "petrol", "first_registration": "2019-03-14",
       "owner": {"name": "Jean Dupont", "email": "jean.dupont@example.com"}}
      """
    Then the response status is 201
    And the response field "vin_check_digit_valid" is true

  Scenario: A VIN without a check digit to confirm it is flagged for the desk to check
    Given I am "dora"
    When I send the scan of the registration card "card-02" as "inschrijvingsbewijs.png" to "/api/v1/vehicles/from-document"
    Then the response status is 200
    And the response field "vehicle.plate" is "2-KLM-456"
    And the response field "vehicle.model" is "YARIS CROSS"
    And the response field "vehicle.fuel" is "hybrid"
    And the response field "vehicle.vin" is "VNKKBYA3X0A123457"
    And the response field "to_check" has 1 items
    And the response field "to_check" lists "vin"
    And the response field "fields[5].code" is "E"
    And the response field "fields[5].needs_check" is true

  Scenario: The card's QR code is decoded and preferred to its text
    Given I am "carl"
    When I send the scan of the registration card "card-03" as "scan.png" to "/api/v1/vehicles/from-document"
    Then the response status is 200
    And the response field "vehicle.plate" is "ABC-123"
    And the response field "vehicle.vin" is "VF1KC0JEF35123458"
    And the response field "vehicle.category" is "N1"
    And the response field "vehicle.model" is "KANGOO"
    And the response field "fields" has an item whose "value" is "KC0"
    And the response field "fields[0].read_from" is "code"
    And the response field "fields[0].confidence" is the number 1
    And the response field "fields[5].read_from" is "code"
    And the response field "to_check" has 0 items

  Scenario: A card kept as a document has its fields read like an invoice's
    Given I am "victor"
    When I upload the scan of the registration card "card-01" as "carte-grise.png" to "/api/v1/documents" with the fields:
      | field | value                  |
      | title | Carte grise 1-ABC-123  |
      | type  | registration_card      |
    Then the response status is 201
    And I remember the response field "id" as "card"
    And the document "{{card}}" has been read
    When I send GET "/api/v1/documents/{{card}}/text"
    Then the fields read are:
      | name               | value             |
      | plate              | 1-ABC-123         |
      | first_registration | 2019-03-14        |
      | vin                | WVWZZZAU5KW123456 |
      | category           | M1                |
      | fuel               | petrol            |

  Scenario: What is not a card is refused, and so is a caller who may not book
    Given I am "dora"
    When I upload a docx file as "carte.docx" to "/api/v1/vehicles/from-document"
    Then the response is a problem 409 with code "not_readable"
    When I upload a empty file as "carte.png" to "/api/v1/vehicles/from-document"
    Then the response is a problem 422 with code "empty_file"
    When I upload a executable file as "carte.png" to "/api/v1/vehicles/from-document"
    Then the response is a problem 415 with code "unsupported_media_type"
    Given I am "victor"
    When I send the scan of the registration card "card-01" as "carte-grise.png" to "/api/v1/vehicles/from-document"
    Then the response is a problem 403 with code "forbidden"

  Scenario: An account has at most 60 cards read an hour; another account is not held back
    Given I am "dora"
    When 60 empty files are sent to "/api/v1/vehicles/from-document"
    And I send the scan of the registration card "card-01" as "carte-grise.png" to "/api/v1/vehicles/from-document"
    Then the response is a problem 429 with code "rate_limited"
    Given I am "carl"
    When I send the scan of the registration card "card-03" as "scan.png" to "/api/v1/vehicles/from-document"
    Then the response status is 200
