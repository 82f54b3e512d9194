<#
.SYNOPSIS
    The baseline: the page loop an admin would write without the module.
.DESCRIPTION
    Invoke-RestMethod POST /users/getToken, then GET /payments/status/{status} page after page with the same
    explicit from/to and limit until response.next is 0. The objects are Invoke-RestMethod's own (ConvertFrom-Json
    PSCustomObjects); every payment is written to the pipeline, so the script can be piped to Measure-Object.
.EXAMPLE
    ./Baseline.InvokeRestMethod.ps1 -BaseUri http://127.0.0.1:5000/ -ImpKey k -ImpSecret s -Status paid -From 1700000000 -To 1707776000 | Measure-Object
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $BaseUri,
    [Parameter(Mandatory)] [string] $ImpKey,
    [Parameter(Mandatory)] [string] $ImpSecret,
    [string] $Status = 'paid',
    # Unix seconds, both inclusive.
    [Parameter(Mandatory)] [long] $From,
    [Parameter(Mandatory)] [long] $To,
    [ValidateRange(1, 1000)] [int] $PageSize = 1000
)
$ErrorActionPreference = 'Stop'
$base = $BaseUri.TrimEnd('/')

$auth = Invoke-RestMethod -Method Post -Uri "$base/users/getToken" -ContentType 'application/json' `
    -Body (@{ imp_key = $ImpKey; imp_secret = $ImpSecret } | ConvertTo-Json)
if ($auth.code -ne 0) { throw "getToken failed: $($auth.message)" }
$headers = @{ Authorization = "Bearer $($auth.response.access_token)" }

$page = 1
while ($page -ne 0) {
    $answer = Invoke-RestMethod -Uri "$base/payments/status/$($Status)?page=$page&limit=$PageSize&from=$From&to=$To" -Headers $headers
    if ($answer.code -ne 0) { throw "page $($page): $($answer.message)" }
    $answer.response.list   # each payment to the pipeline
    $page = $answer.response.next
}
