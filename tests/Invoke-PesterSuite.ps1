# Runs the Pester suites in this (child) pwsh against the built module and writes the counts as JSON.
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $Path,
    [Parameter(Mandatory)] [string] $ResultFile
)
$ErrorActionPreference = 'Stop'
$packages = (& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', ''
Import-Module (Join-Path $packages.Trim() 'pester/5.7.1/tools/Pester.psd1') -Force

# The suites read these: the module under test and the emulator helpers.
$env:PORTONE_TEST_MODULE = (Resolve-Path $ModuleManifest).Path
$env:PORTONE_TEST_SUPPORT = Join-Path $PSScriptRoot 'PortOne.Emulator/PortOne.Emulator.psm1'

$config = New-PesterConfiguration
$config.Run.Path = $Path
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Normal'
$config.TestResult.Enabled = $true
$config.TestResult.OutputPath = Join-Path (Split-Path $ResultFile) 'pester.xml'
$result = Invoke-Pester -Configuration $config
[pscustomobject]@{
    Passed = $result.PassedCount
    Failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
} | ConvertTo-Json | Set-Content $ResultFile
