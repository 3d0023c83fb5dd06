-- resettle: reference data for resettle.prison
--
-- One row per prison, YOI and women's establishment in England and Wales that is open now,
-- plus establishments closed since about 2009 (active = false), so that old movement
-- histories still resolve. No IRCs and no STCs.
-- 126 active rows and 26 inactive. Written by hand from public facts; no SQL or Ruby copied.
--
-- Sources
--   [MPC]  ministryofjustice/offender-management-allocation-manager,
--          app/services/prison_service.rb: code, name, country, gender; open prisons
--          {HDI HBI HVI KMI KVI LYI NSI UPI SPI EHI SUI TCI FDI}; private English prisons
--          {ACI ASI DNI DGI FBI LGI OWI NLI PBI RHI TSI}; women's prisons; Welsh prisons.
--   [REG]  ministryofjustice/prison-register, src/main/resources/db/migration/:
--          V1_1 (codes, names, active), V1_7 and V1_21 (Parc YOI, PYI), V1_9 (male/female),
--          V1_13, V1_16, V1_17, V1_22 (names and HMP/YOI designations), V1_14 (Fosse Way, FEI),
--          V1_15 (contracted: adds BZI FWI PFI PRI), V1_24 (operators).
--   [PPR]  MoJ Annual Prison Performance Ratings 2024/25, "region" of each prison
--          (gov.uk/government/statistics/prison-performance-ratings-2024-to-2025, as tabulated at
--          inquirytracker.uk/sources/prison-performance/). Labels are shortened here to
--          'North East', 'South East and East', 'Women''s Estate', 'Long Term High Security Estate'.
--   [HMPPS] Public HMPPS service test data: Millsike is NOMIS code MKI (visit scheduler
--          tests); Cookham Wood is now listed as "Cookham Wood Prison" and no longer as a YOI
--          (electronic monitoring order UI tests).
--
-- How the columns were decided
--   country          'wales' for BWI CFI PRI SWI UKI UPI [MPC] and for Parc YOI (PYI, Bridgend) [REG].
--   estate           'female' for AGI BZI DHI DWI ESI EWI FHI LNI NHI PFI SDI STI [MPC, REG], and
--                    for Holloway (closed 2016). Everything else is 'male'.
--   open_conditions  the men's open prisons in [MPC] (UPI Prescoed is open and in Wales), the
--                    women's open prisons Askham Grange (AGI) and East Sutton Park (ESI), and the
--                    closed Latchmere House (LMI).
--   contracted       the private English prisons in [MPC], plus BZI FWI PFI PRI [REG V1_15],
--                    PYI [REG V1_21], and Fosse Way (FEI, run by Serco since it opened in 2023).
--   name             the latest designation in [REG], written as a prefix ('HMP & YOI Bristol').
--                    'HMP/YOI Isis' follows the project brief. Aylesbury and Cookham Wood are
--                    adult prisons now, so they are named 'HMP'.
--   region           the HMPPS region structure used in [PPR] 2024/25: London, Long Term High
--                    Security Estate, Midlands, North East, North West, South East and East,
--                    South West and South Central, Wales, Women's Estate, Contracted Prisons,
--                    and Youth Custody Service.
--
-- UNVERIFIED (best public-knowledge judgement; check these before relying on them)
--   * region: the [PPR] entry was seen for these 37 prisons only:
--       AGI ASI AYI BCI BRI BZI CFI CWI DHI DWI EHI ESI FDI HDI HVI KVI NSI NWI ONI PBI PRI
--       RSI SHI SNI TCI TSI UKI UPI VEI WDI WEI WHI WII WLI WMI WRI WTI.
--     Every other active row was given a region by geography and by the pattern of the verified
--     rows. In particular:
--       - LTHSE membership (BAI FKI FNI LLI MRI, beside the verified WDI WHI WRI) is the
--         traditional high-security estate. The Category B trainers GHI GTI SLI IWI are placed by
--         geography, though some of them may sit in LTHSE.
--       - The other contracted prisons (ACI DGI DNI FBI FEI FWI LGI NLI OWI PFI RHI) follow the
--         verified ASI BZI PBI TSI into 'Contracted Prisons'. Parc (PRI) is verified in 'Wales'.
--       - FMI, FYI, WNI, WYI, PYI are in 'Youth Custody Service'. [PPR] rates one YCS site, which
--         is taken to be Feltham.
--       - MHI (foreign-national Category C) is in 'Midlands' and MKI (opened in 2025) is in
--         'North East'.
--     Closed prisons are given the region that covers their site today.
--   * contracted for LGI: [MPC] lists Lowdham Grange as private (run by Sodexo since 2023), but
--     [REG] V1_33 sets it to public. Kept here as true.
--   * active: Kennet (KTI) is still active in [REG] V1_1 but closed in 2016, so it is false here.
--     Closure years of the inactive rows are not recorded, and BHI Blantyre House is entered as
--     not open.
--   * FMI/FYI: Feltham B (young adults) and Feltham A (children) are separate NOMIS codes; the
--     names 'HMP & YOI Feltham' and 'HMYOI Feltham A' are this file's own.

INSERT INTO resettle.prison (code, name, country, estate, open_conditions, contracted, region, active) VALUES
	('ACI', 'HMP & YOI Altcourse',             'england', 'male',   false, true,  'Contracted Prisons',             true),
	('AGI', 'HMP & YOI Askham Grange',         'england', 'female', true,  false, 'Women''s Estate',                true),
	('AKI', 'HMP Acklington',                  'england', 'male',   false, false, 'North East',                     false),
	('ALI', 'HMP Albany',                      'england', 'male',   false, false, 'South West and South Central',   false),
	('ASI', 'HMP Ashfield',                    'england', 'male',   false, true,  'Contracted Prisons',             true),
	('AWI', 'HMP Ashwell',                     'england', 'male',   false, false, 'Midlands',                       false),
	('AYI', 'HMP Aylesbury',                   'england', 'male',   false, false, 'South West and South Central',   true),
	('BAI', 'HMP & YOI Belmarsh',              'england', 'male',   false, false, 'Long Term High Security Estate', true),
	('BCI', 'HMP Buckley Hall',                'england', 'male',   false, false, 'North West',                     true),
	('BDI', 'HMP Blundeston',                  'england', 'male',   false, false, 'South East and East',            false),
	('BFI', 'HMP & YOI Bedford',               'england', 'male',   false, false, 'South East and East',            true),
	('BHI', 'HMP Blantyre House',              'england', 'male',   false, false, 'South East and East',            false),
	('BLI', 'HMP & YOI Bristol',               'england', 'male',   false, false, 'South West and South Central',   true),
	('BMI', 'HMP Birmingham',                  'england', 'male',   false, false, 'Midlands',                       true),
	('BNI', 'HMP & YOI Bullingdon',            'england', 'male',   false, false, 'South West and South Central',   true),
	('BRI', 'HMP Bure',                        'england', 'male',   false, false, 'South East and East',            true),
	('BSI', 'HMP & YOI Brinsford',             'england', 'male',   false, false, 'Midlands',                       true),
	('BUI', 'HMP Bullwood Hall',               'england', 'male',   false, false, 'South East and East',            false),
	('BWI', 'HMP & YOI Berwyn',                'wales',   'male',   false, false, 'Wales',                          true),
	('BXI', 'HMP Brixton',                     'england', 'male',   false, false, 'London',                         true),
	('BZI', 'HMP & YOI Bronzefield',           'england', 'female', false, true,  'Contracted Prisons',             true),
	('CDI', 'HMP & YOI Chelmsford',            'england', 'male',   false, false, 'South East and East',            true),
	('CFI', 'HMP & YOI Cardiff',               'wales',   'male',   false, false, 'Wales',                          true),
	('CHI', 'HMP Camp Hill',                   'england', 'male',   false, false, 'South West and South Central',   false),
	('CKI', 'HMP Cookham Wood',                'england', 'male',   false, false, 'South East and East',            true),
	('CLI', 'HMP Coldingley',                  'england', 'male',   false, false, 'South East and East',            true),
	('CSI', 'HMP & YOI Castington',            'england', 'male',   false, false, 'North East',                     false),
	('CWI', 'HMP Channings Wood',              'england', 'male',   false, false, 'South West and South Central',   true),
	('CYI', 'HMP Canterbury',                  'england', 'male',   false, false, 'South East and East',            false),
	('DAI', 'HMP Dartmoor',                    'england', 'male',   false, false, 'South West and South Central',   true),
	('DGI', 'HMP Dovegate',                    'england', 'male',   false, true,  'Contracted Prisons',             true),
	('DHI', 'HMP & YOI Drake Hall',            'england', 'female', false, false, 'Women''s Estate',                true),
	('DMI', 'HMP & YOI Durham',                'england', 'male',   false, false, 'North East',                     true),
	('DNI', 'HMP & YOI Doncaster',             'england', 'male',   false, true,  'Contracted Prisons',             true),
	('DRI', 'HMP Dorchester',                  'england', 'male',   false, false, 'South West and South Central',   false),
	('DTI', 'HMP & YOI Deerbolt',              'england', 'male',   false, false, 'North East',                     true),
	('DWI', 'HMP & YOI Downview',              'england', 'female', false, false, 'Women''s Estate',                true),
	('EEI', 'HMP & YOI Erlestoke',             'england', 'male',   false, false, 'South West and South Central',   true),
	('EHI', 'HMP & YOI Standford Hill',        'england', 'male',   true,  false, 'South East and East',            true),
	('ESI', 'HMP & YOI East Sutton Park',      'england', 'female', true,  false, 'Women''s Estate',                true),
	('EVI', 'HMP Everthorpe',                  'england', 'male',   false, false, 'North East',                     false),
	('EWI', 'HMP & YOI Eastwood Park',         'england', 'female', false, false, 'Women''s Estate',                true),
	('EXI', 'HMP & YOI Exeter',                'england', 'male',   false, false, 'South West and South Central',   true),
	('EYI', 'HMP & YOI Elmley',                'england', 'male',   false, false, 'South East and East',            true),
	('FBI', 'HMP & YOI Forest Bank',           'england', 'male',   false, true,  'Contracted Prisons',             true),
	('FDI', 'HMP Ford',                        'england', 'male',   true,  false, 'South East and East',            true),
	('FEI', 'HMP & YOI Fosse Way',             'england', 'male',   false, true,  'Contracted Prisons',             true),
	('FHI', 'HMP & YOI Foston Hall',           'england', 'female', false, false, 'Women''s Estate',                true),
	('FKI', 'HMP Frankland',                   'england', 'male',   false, false, 'Long Term High Security Estate', true),
	('FMI', 'HMP & YOI Feltham',               'england', 'male',   false, false, 'Youth Custody Service',          true),
	('FNI', 'HMP Full Sutton',                 'england', 'male',   false, false, 'Long Term High Security Estate', true),
	('FSI', 'HMP Featherstone',                'england', 'male',   false, false, 'Midlands',                       true),
	('FWI', 'HMP Five Wells',                  'england', 'male',   false, true,  'Contracted Prisons',             true),
	('FYI', 'HMYOI Feltham A',                 'england', 'male',   false, false, 'Youth Custody Service',          true),
	('GHI', 'HMP Garth',                       'england', 'male',   false, false, 'North West',                     true),
	('GLI', 'HMP Gloucester',                  'england', 'male',   false, false, 'South West and South Central',   false),
	('GMI', 'HMP Guys Marsh',                  'england', 'male',   false, false, 'South West and South Central',   true),
	('GNI', 'HMP Grendon',                     'england', 'male',   false, false, 'South West and South Central',   true),
	('GPI', 'HMYOI Glen Parva',                'england', 'male',   false, false, 'Midlands',                       false),
	('GTI', 'HMP Gartree',                     'england', 'male',   false, false, 'Midlands',                       true),
	('HBI', 'HMP & YOI Hollesley Bay',         'england', 'male',   true,  false, 'South East and East',            true),
	('HCI', 'HMP Huntercombe',                 'england', 'male',   false, false, 'South West and South Central',   true),
	('HDI', 'HMP & YOI Hatfield',              'england', 'male',   true,  false, 'North East',                     true),
	('HEI', 'HMP Hewell',                      'england', 'male',   false, false, 'Midlands',                       true),
	('HHI', 'HMP & YOI Holme House',           'england', 'male',   false, false, 'North East',                     true),
	('HII', 'HMP & YOI Hindley',               'england', 'male',   false, false, 'North West',                     true),
	('HLI', 'HMP & YOI Hull',                  'england', 'male',   false, false, 'North East',                     true),
	('HMI', 'HMP Humber',                      'england', 'male',   false, false, 'North East',                     true),
	('HOI', 'HMP & YOI High Down',             'england', 'male',   false, false, 'South East and East',            true),
	('HPI', 'HMP Highpoint',                   'england', 'male',   false, false, 'South East and East',            true),
	('HVI', 'HMP Haverigg',                    'england', 'male',   true,  false, 'North West',                     true),
	('HYI', 'HMP Holloway',                    'england', 'female', false, false, 'Women''s Estate',                false),
	('ISI', 'HMP/YOI Isis',                    'england', 'male',   false, false, 'London',                         true),
	('IWI', 'HMP & YOI Isle of Wight',         'england', 'male',   false, false, 'South West and South Central',   true),
	('KMI', 'HMP Kirkham',                     'england', 'male',   true,  false, 'North West',                     true),
	('KTI', 'HMP Kennet',                      'england', 'male',   false, false, 'North West',                     false),
	('KVI', 'HMP & YOI Kirklevington Grange',  'england', 'male',   true,  false, 'North East',                     true),
	('LAI', 'HMP Lancaster Castle',            'england', 'male',   false, false, 'North West',                     false),
	('LCI', 'HMP Leicester',                   'england', 'male',   false, false, 'Midlands',                       true),
	('LEI', 'HMP Leeds',                       'england', 'male',   false, false, 'North East',                     true),
	('LFI', 'HMP Lancaster Farms',             'england', 'male',   false, false, 'North West',                     true),
	('LGI', 'HMP Lowdham Grange',              'england', 'male',   false, true,  'Contracted Prisons',             true),
	('LHI', 'HMP Lindholme',                   'england', 'male',   false, false, 'North East',                     true),
	('LII', 'HMP & YOI Lincoln',               'england', 'male',   false, false, 'Midlands',                       true),
	('LLI', 'HMP Long Lartin',                 'england', 'male',   false, false, 'Long Term High Security Estate', true),
	('LMI', 'HMP Latchmere House',             'england', 'male',   true,  false, 'London',                         false),
	('LNI', 'HMP & YOI Low Newton',            'england', 'female', false, false, 'Women''s Estate',                true),
	('LPI', 'HMP Liverpool',                   'england', 'male',   false, false, 'North West',                     true),
	('LTI', 'HMP Littlehey',                   'england', 'male',   false, false, 'South East and East',            true),
	('LWI', 'HMP & YOI Lewes',                 'england', 'male',   false, false, 'South East and East',            true),
	('LYI', 'HMP Leyhill',                     'england', 'male',   true,  false, 'South West and South Central',   true),
	('MDI', 'HMP & YOI Moorland',              'england', 'male',   false, false, 'North East',                     true),
	('MHI', 'HMP Morton Hall',                 'england', 'male',   false, false, 'Midlands',                       true),
	('MKI', 'HMP Millsike',                    'england', 'male',   false, false, 'North East',                     true),
	('MRI', 'HMP & YOI Manchester',            'england', 'male',   false, false, 'Long Term High Security Estate', true),
	('MSI', 'HMP Maidstone',                   'england', 'male',   false, false, 'South East and East',            true),
	('MTI', 'HMP The Mount',                   'england', 'male',   false, false, 'South East and East',            true),
	('NEI', 'HMP Edmunds Hill',                'england', 'male',   false, false, 'South East and East',            false),
	('NHI', 'HMP & YOI New Hall',              'england', 'female', false, false, 'Women''s Estate',                true),
	('NLI', 'HMP Northumberland',              'england', 'male',   false, true,  'Contracted Prisons',             true),
	('NMI', 'HMP & YOI Nottingham',            'england', 'male',   false, false, 'Midlands',                       true),
	('NNI', 'HMP Northallerton',               'england', 'male',   false, false, 'North East',                     false),
	('NSI', 'HMP North Sea Camp',              'england', 'male',   true,  false, 'Midlands',                       true),
	('NWI', 'HMP & YOI Norwich',               'england', 'male',   false, false, 'South East and East',            true),
	('ONI', 'HMP Onley',                       'england', 'male',   false, false, 'Midlands',                       true),
	('OWI', 'HMP Oakwood',                     'england', 'male',   false, true,  'Contracted Prisons',             true),
	('PBI', 'HMP & YOI Peterborough',          'england', 'male',   false, true,  'Contracted Prisons',             true),
	('PDI', 'HMP & YOI Portland',              'england', 'male',   false, false, 'South West and South Central',   true),
	('PFI', 'HMP & YOI Peterborough (Female)', 'england', 'female', false, true,  'Contracted Prisons',             true),
	('PKI', 'HMP Parkhurst',                   'england', 'male',   false, false, 'South West and South Central',   false),
	('PNI', 'HMP & YOI Preston',               'england', 'male',   false, false, 'North West',                     true),
	('PRI', 'HMP & YOI Parc',                  'wales',   'male',   false, true,  'Wales',                          true),
	('PTI', 'HMP Kingston',                    'england', 'male',   false, false, 'South West and South Central',   false),
	('PVI', 'HMP & YOI Pentonville',           'england', 'male',   false, false, 'London',                         true),
	('PYI', 'HMYOI Parc',                      'wales',   'male',   false, true,  'Youth Custody Service',          true),
	('RCI', 'HMP & YOI Rochester',             'england', 'male',   false, false, 'South East and East',            true),
	('RDI', 'HMP & YOI Reading',               'england', 'male',   false, false, 'South West and South Central',   false),
	('RHI', 'HMP Rye Hill',                    'england', 'male',   false, true,  'Contracted Prisons',             true),
	('RNI', 'HMP Ranby',                       'england', 'male',   false, false, 'Midlands',                       true),
	('RSI', 'HMP Risley',                      'england', 'male',   false, false, 'North West',                     true),
	('SDI', 'HMP Send',                        'england', 'female', false, false, 'Women''s Estate',                true),
	('SFI', 'HMP Stafford',                    'england', 'male',   false, false, 'Midlands',                       true),
	('SHI', 'HMP & YOI Stoke Heath',           'england', 'male',   false, false, 'Midlands',                       true),
	('SKI', 'HMP Stocken',                     'england', 'male',   false, false, 'Midlands',                       true),
	('SLI', 'HMP Swaleside',                   'england', 'male',   false, false, 'South East and East',            true),
	('SMI', 'HMP Shepton Mallet',              'england', 'male',   false, false, 'South West and South Central',   false),
	('SNI', 'HMP & YOI Swinfen Hall',          'england', 'male',   false, false, 'Midlands',                       true),
	('SPI', 'HMP Spring Hill',                 'england', 'male',   true,  false, 'South West and South Central',   true),
	('STI', 'HMP & YOI Styal',                 'england', 'female', false, false, 'Women''s Estate',                true),
	('SUI', 'HMP & YOI Sudbury',               'england', 'male',   true,  false, 'Midlands',                       true),
	('SWI', 'HMP & YOI Swansea',               'wales',   'male',   false, false, 'Wales',                          true),
	('SYI', 'HMP Shrewsbury',                  'england', 'male',   false, false, 'Midlands',                       false),
	('TCI', 'HMP & YOI Thorn Cross',           'england', 'male',   true,  false, 'North West',                     true),
	('TSI', 'HMP & YOI Thameside',             'england', 'male',   false, true,  'Contracted Prisons',             true),
	('UKI', 'HMP Usk',                         'wales',   'male',   false, false, 'Wales',                          true),
	('UPI', 'HMP & YOI Prescoed',              'wales',   'male',   true,  false, 'Wales',                          true),
	('VEI', 'HMP The Verne',                   'england', 'male',   false, false, 'South West and South Central',   true),
	('WBI', 'HMP Wellingborough',              'england', 'male',   false, false, 'Midlands',                       false),
	('WCI', 'HMP & YOI Winchester',            'england', 'male',   false, false, 'South West and South Central',   true),
	('WDI', 'HMP Wakefield',                   'england', 'male',   false, false, 'Long Term High Security Estate', true),
	('WEI', 'HMP Wealstun',                    'england', 'male',   false, false, 'North East',                     true),
	('WHI', 'HMP Woodhill',                    'england', 'male',   false, false, 'Long Term High Security Estate', true),
	('WII', 'HMP & YOI Warren Hill',           'england', 'male',   false, false, 'South East and East',            true),
	('WLI', 'HMP Wayland',                     'england', 'male',   false, false, 'South East and East',            true),
	('WMI', 'HMP & YOI Wymott',                'england', 'male',   false, false, 'North West',                     true),
	('WNI', 'HMYOI Werrington',                'england', 'male',   false, false, 'Youth Custody Service',          true),
	('WOI', 'HMP Wolds',                       'england', 'male',   false, false, 'North East',                     false),
	('WRI', 'HMP Whitemoor',                   'england', 'male',   false, false, 'Long Term High Security Estate', true),
	('WSI', 'HMP & YOI Wormwood Scrubs',       'england', 'male',   false, false, 'London',                         true),
	('WTI', 'HMP Whatton',                     'england', 'male',   false, false, 'Midlands',                       true),
	('WWI', 'HMP & YOI Wandsworth',            'england', 'male',   false, false, 'London',                         true),
	('WYI', 'HMYOI Wetherby',                  'england', 'male',   false, false, 'Youth Custody Service',          true);
