"""Criminal justice adviser deployments with their results and value for money.

Also mutual legal assistance, extradition and joint investigation teams linked to cases.
"""
