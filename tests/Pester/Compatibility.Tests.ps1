# Which PowerShell the built module runs on, proven without those hosts: the assembly references it was compiled
# against, read from the built files with System.Reflection.Metadata, and the check that refuses older hosts.
BeforeAll {
    $script:moduleDir = Split-Path $env:PORTONE_TEST_MODULE
    $script:dependencyDir = Join-Path $moduleDir 'Dependencies'

    # The newest version of each assembly that PowerShell 7.4 (the oldest supported PowerShell 7, on .NET 8) gives a
    # module: .NET 8's own assemblies (read off its reference pack, Microsoft.NETCore.App.Ref 8.0) and the engine.
    # PowerShell 7 binds a module's reference to its own copy only when that copy is at least as new, so a reference
    # above this line fails on 7.4 with an assembly-load error. A name missing here fails the test too: add it with
    # the version .NET 8 / PowerShell 7.4 carries, or ship it (then it must be a netstandard2.0 build that 7.4 loads).
    $script:ceilingOnPowerShell74 = @{
        'netstandard'                            = [version]'2.1.0.0'
        'System.Runtime'                         = [version]'8.0.0.0'
        'System.Collections'                     = [version]'8.0.0.0'
        'System.Net.Http'                        = [version]'8.0.0.0'
        'System.Memory'                          = [version]'8.0.0.0'
        'System.Buffers'                         = [version]'8.0.0.0'
        'System.Numerics.Vectors'                = [version]'8.0.0.0'
        'System.Threading.Tasks.Extensions'      = [version]'8.0.0.0'
        'System.Runtime.CompilerServices.Unsafe' = [version]'8.0.0.0'
        'System.Text.Encodings.Web'              = [version]'8.0.0.0'
        'System.Text.Json'                       = [version]'8.0.0.0'
        # PowerShellStandard.Library's reference assembly: every host (3.0.0.0 on 5.1, 7.x on PowerShell 7) binds it.
        'System.Management.Automation'           = [version]'3.0.0.0'
    }

    function script:Get-AssemblyReference([string] $Path) {
        # The assembly's own name and version and what it references, read without loading it.
        $stream = [System.IO.File]::OpenRead($Path)
        try {
            $pe = [System.Reflection.PortableExecutable.PEReader]::new($stream)
            $reader = [System.Reflection.Metadata.PEReaderExtensions]::GetMetadataReader($pe)
            $definition = $reader.GetAssemblyDefinition()
            foreach ($handle in $reader.AssemblyReferences) {
                $reference = $reader.GetAssemblyReference($handle)
                [pscustomobject]@{
                    Assembly = $reader.GetString($definition.Name)
                    Name     = $reader.GetString($reference.Name)
                    Version  = $reference.Version
                }
            }
        } finally { if ($pe) { $pe.Dispose() }; $stream.Dispose() }
    }

    $script:moduleAssemblies = @(Get-ChildItem $moduleDir -Filter *.dll)
    $script:ownNames = @($moduleAssemblies | ForEach-Object BaseName)
}

Describe 'Assembly references of the built module' {
    It 'ships its two assemblies and Windows PowerShell''s dependencies apart' {
        ($moduleAssemblies.Name | Sort-Object) | Should -Be @('PortOne.Client.dll', 'PortOne.dll')
        Join-Path $dependencyDir 'System.Text.Json.dll' | Should -Exist
    }

    It 'references nothing newer than PowerShell 7.4 (.NET 8) provides' {
        $references = @($moduleAssemblies | ForEach-Object { Get-AssemblyReference $_.FullName } | Where-Object Name -notin $ownNames)
        $references.Name | Should -Contain 'System.Text.Json'
        $problems = foreach ($r in $references) {
            $ceiling = $ceilingOnPowerShell74[$r.Name]
            if ($null -eq $ceiling) { "$($r.Assembly) references $($r.Name) $($r.Version), which the ceiling table does not list" }
            elseif ($r.Version -gt $ceiling) { "$($r.Assembly) references $($r.Name) $($r.Version); PowerShell 7.4 has $ceiling" }
        }
        $problems | Should -BeNullOrEmpty
    }

    It 'finds every reference to a shipped dependency satisfied by the copy in Dependencies/ (Windows PowerShell 5.1)' {
        # The Windows PowerShell resolver hands out a Dependencies/ file only when it is at least the version asked for.
        $shipped = @{}
        foreach ($file in Get-ChildItem $dependencyDir -Filter *.dll) { $shipped[$file.BaseName] = [System.Reflection.AssemblyName]::GetAssemblyName($file.FullName).Version }
        $all = @(Get-ChildItem $moduleDir, $dependencyDir -Filter *.dll | ForEach-Object { Get-AssemblyReference $_.FullName })
        $all.Name | Should -Contain 'System.Text.Json'
        $problems = foreach ($r in $all | Where-Object { $shipped.ContainsKey($_.Name) }) {
            if ($r.Version -gt $shipped[$r.Name]) { "$($r.Assembly) references $($r.Name) $($r.Version); Dependencies/ has $($shipped[$r.Name])" }
        }
        $problems | Should -BeNullOrEmpty
        # Everything else must come with .NET Framework 4.7.2 (its netstandard facade) or the engine.
        $missing = @($all | Where-Object { -not $shipped.ContainsKey($_.Name) -and $_.Name -notin $ownNames } |
            Where-Object Name -notin 'netstandard', 'System.Management.Automation' |
            ForEach-Object { "$($_.Assembly) -> $($_.Name)" } | Sort-Object -Unique)
        $missing | Should -BeNullOrEmpty
    }
}

Describe 'Hosts the module refuses' {
    BeforeAll {
        Import-Module $env:PORTONE_TEST_MODULE -Force
        $script:check = [PortOne.Host.SupportedHostCheck]
        function script:Get-Refusal([bool] $Desktop, [version] $EngineVersion, [string] $Release) {
            $check.GetMethod('Refusal', [System.Reflection.BindingFlags]'NonPublic, Static').Invoke($null, @($Desktop, $EngineVersion, $Release))
        }
    }

    It 'is a public module initializer, so Import-Module runs it' {
        $check.IsPublic | Should -BeTrue
        [System.Management.Automation.IModuleAssemblyInitializer].IsAssignableFrom($check) | Should -BeTrue
    }

    It 'refuses PowerShell <Release> in one sentence that names the version needed' -ForEach @(
        @{ Release = '7.3.9'; Engine = '7.3.0.500' }
        @{ Release = '7.2.24'; Engine = '7.2.0.500' }
        @{ Release = '6.2.7'; Engine = '6.2.7.0' }
    ) {
        $message = Get-Refusal $false $Engine $Release
        $message | Should -Be "PortOne needs PowerShell 7.4 or later (or Windows PowerShell 5.1); this is PowerShell $Release."
    }

    It 'accepts PowerShell <Release>' -ForEach @(
        @{ Release = '7.4.0'; Engine = '7.4.0.500'; Desktop = $false }
        @{ Release = '7.5.4'; Engine = '7.5.0.500'; Desktop = $false }
        @{ Release = '7.6.9'; Engine = '7.6.0.500'; Desktop = $false }
        @{ Release = 'Windows PowerShell 5.1'; Engine = '3.0.0.0'; Desktop = $true }
    ) {
        Get-Refusal $Desktop $Engine $Release | Should -BeNullOrEmpty
    }
}

Describe 'Connections on Windows PowerShell' {
    It 'allows more connections per host than -ThrottleLimit''s most pages in flight, with room for a token request' {
        Import-Module $env:PORTONE_TEST_MODULE -Force
        $throttle = [PortOne.Commands.GetPortOnePaymentCommand].GetProperty('ThrottleLimit').GetCustomAttributes([System.Management.Automation.ValidateRangeAttribute], $true)[0]
        $stack = [PortOne.PortOneClient].Assembly.GetType('PortOne.Http.DesktopHttpStack')
        $perHost = $stack.GetField('ConnectionsPerHost', [System.Reflection.BindingFlags]'NonPublic, Static').GetRawConstantValue()
        $perHost | Should -BeGreaterThan ([int]$throttle.MaxRange)
    }
}
