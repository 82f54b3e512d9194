# Helpers the Pester files dot-source: waiting on events instead of sleeping, and the API read apart from the module
# (its own HTTP and JSON), so that what the module writes is compared with what the server really sent.

function Wait-Until {
    # Polls $Condition until it is true. The event is the condition; the limit only stops a hang (and fails the test).
    param([Parameter(Mandatory, Position = 0)] [scriptblock] $Condition, [int] $TimeoutSec = 60, [string] $Because = 'the awaited event')
    $guard = [Diagnostics.Stopwatch]::StartNew()
    while (-not (& $Condition)) {
        if ($guard.Elapsed.TotalSeconds -gt $TimeoutSec) { throw "Waited $TimeoutSec s for $Because; it never came." }
        Start-Sleep -Milliseconds 20
    }
}

function Get-SpecEnum([string] $Field) {
    # The values the official spec (tests/Contract) lists for a PaymentAnnotation field, from its "- value : meaning" lines.
    $spec = Get-Content (Join-Path $PSScriptRoot '../Contract/v1.openapi.json') -Raw | ConvertFrom-Json -AsHashtable
    $text = $spec.definitions.PaymentAnnotation.properties[$Field].'x-portone-description'
    @([regex]::Matches($text, '(?m)^- (\w+) :') | ForEach-Object { $_.Groups[1].Value })
}

function Get-RawPayment {
    # Every payment of status all whose window time is in [From, To], read with Invoke-WebRequest and System.Text.Json
    # in 90-day windows: imp_uid, pay_method and the names of the fields the spec does not list.
    param([Parameter(Mandatory, Position = 0)] $Emulator, [Parameter(Mandatory)] [long] $From, [Parameter(Mandatory)] [long] $To)
    $spec = Get-Content (Join-Path $PSScriptRoot '../Contract/v1.openapi.json') -Raw | ConvertFrom-Json -AsHashtable
    $documented = [Collections.Generic.HashSet[string]]::new([string[]]@($spec.definitions.PaymentAnnotation.properties.Keys))
    $body = @{ imp_key = $Emulator.ImpKey; imp_secret = $Emulator.ImpSecret } | ConvertTo-Json
    $token = (Invoke-RestMethod -Method Post -Uri ($Emulator.BaseUri + 'users/getToken') -Body $body -ContentType 'application/json').response.access_token
    for ($windowFrom = $From; $windowFrom -le $To; $windowFrom += 90 * 86400) {
        $windowTo = [Math]::Min($To, $windowFrom + 90 * 86400 - 1)
        for ($page = 1; $page -gt 0) {
            $uri = $Emulator.BaseUri + "payments/status/all?page=$page&limit=1000&from=$windowFrom&to=$windowTo"
            $document = [System.Text.Json.JsonDocument]::Parse((Invoke-WebRequest -Uri $uri -Headers @{ Authorization = "Bearer $token" }).Content)
            try {
                $response = $document.RootElement.GetProperty('response')
                foreach ($payment in $response.GetProperty('list').EnumerateArray()) {
                    $names = @($payment.EnumerateObject() | ForEach-Object Name)
                    $method = $payment.GetProperty('pay_method')
                    [pscustomobject]@{
                        ImpUid        = $payment.GetProperty('imp_uid').GetString()
                        PayMethod     = if ($method.ValueKind -eq 'String') { $method.GetString() } else { $null }
                        UnknownFields = @($names | Where-Object { -not $documented.Contains($_) })
                    }
                }
                $page = $response.GetProperty('next').GetInt32()
            } finally { $document.Dispose() }
        }
    }
}
