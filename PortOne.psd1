@{
    # The one place the module's version lives; build.ps1 stamps it into the assemblies and the output folder.
    ModuleVersion        = '0.1.0'
    RootModule           = 'PortOne.dll'
    GUID                 = '26f4da4f-6dc4-4542-b31e-ac2efbf02310'
    Author               = 'PortOne for PowerShell contributors'
    CompanyName          = 'PortOne for PowerShell contributors'
    Copyright            = '(c) 2026 PortOne for PowerShell contributors. MIT License.'
    Description          = 'Read payment history out of PortOne (formerly iamport): Get-PortOnePayment streams typed payments of any status and time range, paging lazily through 90-day windows, with token refresh, retries and progress. Unofficial; not made by PortOne.'
    # Windows PowerShell 5.1, or PowerShell 7.4 and later. A manifest can say only the first half: PortOne.dll itself
    # refuses PowerShell 6.0 to 7.3 at import, in one sentence (their runtimes have no System.Text.Json 8).
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Core', 'Desktop')
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess     = @('PortOne.Format.ps1xml')
    CmdletsToExport      = @('Connect-PortOne', 'Disconnect-PortOne', 'Export-PortOnePayment', 'Get-PortOneConnection', 'Get-PortOnePayment')
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('PortOne', 'iamport', 'payments', 'Korea', 'PSEdition_Core', 'PSEdition_Desktop', 'Windows', 'Linux', 'MacOS')
            ProjectUri   = 'https://github.com/portone-powershell/PortOne'
            LicenseUri   = 'https://github.com/portone-powershell/PortOne/blob/main/LICENSE'
            ReleaseNotes = 'See CHANGELOG.md: https://github.com/portone-powershell/PortOne/blob/main/CHANGELOG.md'
        }
    }
}
