<#
.SYNOPSIS
    Compiles docs/<cmdlet>.md and the cmdlet classes into the module's MAML help (en-US/WsoClusterPS.dll-Help.xml).
.DESCRIPTION
    Runs in a pwsh of its own (build.ps1 starts one), since it imports the freshly built module.
    The pages hold the prose: Synopsis, Description, Parameters (one "### -Name" per parameter,
    no more, no less), Examples (each with a code block). Everything else comes from the code:
    the syntax, and per parameter its type, whether it is required, its position, pipeline
    input, aliases, wildcards and default value, and the online link (the cmdlet's HelpUri). A
    page that disagrees with the code, or writes a syntax of its own, stops the build.
#>
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $DocsPath,
    # Where the MAML goes; the built module's en-US folder by default.
    [string] $OutputPath = (Join-Path (Split-Path $ModuleManifest) 'en-US/WsoClusterPS.dll-Help.xml')
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

function Read-DocPage {
    param([string] $Path)
    $page = @{ Sections = [ordered]@{}; Subsections = @{} }
    $section = $null; $sub = $null
    foreach ($line in Get-Content $Path) {
        if ($line -match '^## (.+)$') { $section = $Matches[1].Trim(); $sub = $null; $page.Sections[$section] = [Collections.Generic.List[string]]::new(); $page.Subsections[$section] = [ordered]@{}; continue }
        if ($line -match '^### (.+)$' -and $section) { $sub = $Matches[1].Trim(); $page.Subsections[$section][$sub] = [Collections.Generic.List[string]]::new(); continue }
        if (-not $section) { continue }
        if ($sub) { $page.Subsections[$section][$sub].Add($line) } else { $page.Sections[$section].Add($line) }
    }
    $page
}

# Splits markdown lines into plain paragraphs (list items on their own), without code fences.
function ConvertTo-Paragraph {
    param([string[]] $Lines)
    $paragraphs = [Collections.Generic.List[string]]::new()
    $current = [Collections.Generic.List[string]]::new()
    $flush = { if ($current.Count) { $paragraphs.Add(($current -join ' ').Replace('`', '')); $current.Clear() } }
    $inCode = $false
    foreach ($line in $Lines) {
        if ($line -match '^```') { $inCode = -not $inCode; & $flush; continue }
        if ($inCode) { continue }
        if (-not $line.Trim()) { & $flush; continue }
        if ($line -match '^\s*- ') { & $flush; $current.Add($line.Trim()) ; continue }
        $current.Add($line.Trim())
    }
    & $flush
    , $paragraphs
}

function Write-Paragraphs {
    param([Xml.XmlWriter] $Writer, [string[]] $Lines)
    $Writer.WriteStartElement('maml', 'description', $maml)
    foreach ($paragraph in (ConvertTo-Paragraph $Lines)) { $Writer.WriteElementString('maml', 'para', $maml, $paragraph) }
    $Writer.WriteEndElement()
}

function Invoke-HelpBuild {
    Import-Module $ModuleManifest -Force
    $script:maml = 'http://schemas.microsoft.com/maml/2004/10'
    $command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    $dev = 'http://schemas.microsoft.com/maml/dev/2004/10'
    $settings = [Xml.XmlWriterSettings]@{ Indent = $true; Encoding = [Text.UTF8Encoding]::new($false) }
    $writer = [Xml.XmlWriter]::Create($OutputPath, $settings)
    $writer.WriteStartElement('helpItems', 'http://msh')
    $writer.WriteAttributeString('schema', 'maml')
    # -WhatIf and -Confirm are documented with each cmdlet; the other common parameters are not.
    $common = [Management.Automation.Cmdlet]::CommonParameters
    foreach ($cmd in Get-Command -Module WsoClusterPS -CommandType Cmdlet | Sort-Object Name) {
        $docPath = Join-Path $DocsPath "$($cmd.Name).md"
        if (-not (Test-Path $docPath)) { throw "$($cmd.Name) has no docs page: write $docPath." }
        $page = Read-DocPage $docPath
        foreach ($required in 'Synopsis', 'Description', 'Parameters', 'Examples') {
            if (-not $page.Sections.Contains($required)) { throw "$docPath has no '## $required' section." }
        }
        if ($page.Sections.Contains('Syntax')) { throw "$docPath has a '## Syntax' section: remove it, the syntax is generated from $($cmd.ImplementingType.Name)." }
        # What a parameter is when not given: read off a fresh instance of the cmdlet class.
        $fresh = [Activator]::CreateInstance($cmd.ImplementingType)
        # Positional parameters first, then the pipeline input, then the rest as declared.
        $parameters = @($cmd.Parameters.Values | Where-Object { $_.Name -notin $common } | Sort-Object -Stable {
            $first = $_.ParameterSets.Values | Select-Object -First 1
            if ($first.Position -ge 0) { $first.Position } elseif ($first.ValueFromPipeline) { 50 } else { 100 }
        })
        foreach ($parameter in $parameters) {
            if (-not $page.Subsections['Parameters'].Contains("-$($parameter.Name)")) { throw "$docPath does not describe -$($parameter.Name) (add '### -$($parameter.Name)')." }
        }
        foreach ($documented in $page.Subsections['Parameters'].Keys) {
            if ($documented.TrimStart('-') -notin $parameters.Name) { throw "$docPath describes $documented, which $($cmd.Name) does not have: remove '### $documented' or add the parameter." }
        }

        $writer.WriteStartElement('command', 'command', $command)
        $writer.WriteAttributeString('xmlns', 'maml', $null, $maml)
        $writer.WriteAttributeString('xmlns', 'dev', $null, $dev)
        $writer.WriteStartElement('command', 'details', $command)
        $writer.WriteElementString('command', 'name', $command, $cmd.Name)
        Write-Paragraphs $writer $page.Sections['Synopsis']
        $writer.WriteElementString('command', 'verb', $command, $cmd.Verb)
        $writer.WriteElementString('command', 'noun', $command, $cmd.Noun)
        $writer.WriteEndElement()
        Write-Paragraphs $writer $page.Sections['Description']

        $describe = {
            param($parameter, $set, [bool] $withDescription)
            $metadata = $parameter.ParameterSets[$set]
            if (-not $metadata) { $metadata = $parameter.ParameterSets['__AllParameterSets'] }
            $writer.WriteStartElement('command', 'parameter', $command)
            $writer.WriteAttributeString('required', $metadata.IsMandatory.ToString().ToLower())
            $wildcards = @($parameter.Attributes | Where-Object { $_ -is [Management.Automation.SupportsWildcardsAttribute] }).Count -gt 0
            $writer.WriteAttributeString('globbing', $wildcards.ToString().ToLower())
            $writer.WriteAttributeString('aliases', $(if ($parameter.Aliases.Count) { $parameter.Aliases -join ', ' } else { 'none' }))
            $pipeline = @(if ($metadata.ValueFromPipeline) { 'ByValue' }; if ($metadata.ValueFromPipelineByPropertyName) { 'ByPropertyName' })
            $writer.WriteAttributeString('pipelineInput', $(if ($pipeline) { "True ($($pipeline -join ', '))" } else { 'False' }))
            $writer.WriteAttributeString('position', $(if ($metadata.Position -ge 0) { [string]$metadata.Position } else { 'named' }))
            $writer.WriteElementString('maml', 'name', $maml, $parameter.Name)
            if ($withDescription) { Write-Paragraphs $writer $page.Subsections['Parameters']["-$($parameter.Name)"] }
            if ($parameter.ParameterType -ne [Management.Automation.SwitchParameter]) {
                $writer.WriteStartElement('command', 'parameterValue', $command)
                $writer.WriteAttributeString('required', 'true')
                $writer.WriteString($parameter.ParameterType.Name)
                $writer.WriteEndElement()
            }
            if ($withDescription) {
                $writer.WriteStartElement('dev', 'type', $dev)
                $writer.WriteElementString('maml', 'name', $maml, $parameter.ParameterType.FullName)
                $writer.WriteEndElement()
                # -WhatIf and -Confirm belong to PowerShell, not to the class: off unless given.
                $property = $fresh.PSObject.Properties[$parameter.Name]
                $default = if ($property) { $property.Value } else { [Management.Automation.SwitchParameter]::new($false) }
                $shown = if ($default -is [Management.Automation.SwitchParameter]) { [string]$default.IsPresent }
                    elseif ($metadata.IsMandatory -or $null -eq $default) { 'None' }
                    else { [string]$default }
                $writer.WriteElementString('dev', 'defaultValue', $dev, $shown)
            }
            $writer.WriteEndElement()
        }

        $writer.WriteStartElement('command', 'syntax', $command)
        foreach ($set in $cmd.ParameterSets) {
            $writer.WriteStartElement('command', 'syntaxItem', $command)
            $writer.WriteElementString('maml', 'name', $maml, $cmd.Name)
            foreach ($parameter in $parameters | Where-Object { $_.ParameterSets.ContainsKey($set.Name) -or $_.ParameterSets.ContainsKey('__AllParameterSets') }) {
                & $describe $parameter $set.Name $false
            }
            $writer.WriteEndElement()
        }
        $writer.WriteEndElement()

        $writer.WriteStartElement('command', 'parameters', $command)
        foreach ($parameter in $parameters) { & $describe $parameter ($parameter.ParameterSets.Keys | Select-Object -First 1) $true }
        $writer.WriteEndElement()

        foreach ($kind in @(@('Inputs', 'inputTypes', 'inputType'), @('Outputs', 'returnValues', 'returnValue'))) {
            if (-not $page.Sections.Contains($kind[0])) { continue }
            $writer.WriteStartElement('command', $kind[1], $command)
            foreach ($type in $page.Subsections[$kind[0]].Keys) {
                $writer.WriteStartElement('command', $kind[2], $command)
                $writer.WriteStartElement('dev', 'type', $dev)
                $writer.WriteElementString('maml', 'name', $maml, $type)
                $writer.WriteEndElement()
                Write-Paragraphs $writer $page.Subsections[$kind[0]][$type]
                $writer.WriteEndElement()
            }
            $writer.WriteEndElement()
        }

        if ($page.Sections.Contains('Notes')) {
            $writer.WriteStartElement('maml', 'alertSet', $maml)
            $writer.WriteStartElement('maml', 'alert', $maml)
            foreach ($paragraph in (ConvertTo-Paragraph $page.Sections['Notes'])) { $writer.WriteElementString('maml', 'para', $maml, $paragraph) }
            $writer.WriteEndElement()
            $writer.WriteEndElement()
        }

        $writer.WriteStartElement('command', 'examples', $command)
        foreach ($title in $page.Subsections['Examples'].Keys) {
            $lines = $page.Subsections['Examples'][$title]
            $code = [Collections.Generic.List[string]]::new(); $inCode = $false
            foreach ($line in $lines) {
                if ($line -match '^```') { $inCode = -not $inCode; continue }
                if ($inCode) { $code.Add($line) }
            }
            if (-not $code.Count) { throw "$docPath, example '$title', has no code block." }
            $writer.WriteStartElement('command', 'example', $command)
            $writer.WriteElementString('maml', 'title', $maml, "-------------------------- $title --------------------------")
            $writer.WriteElementString('dev', 'code', $dev, ($code -join "`n"))
            $writer.WriteStartElement('dev', 'remarks', $dev)
            foreach ($paragraph in (ConvertTo-Paragraph $lines)) { $writer.WriteElementString('maml', 'para', $maml, $paragraph) }
            $writer.WriteEndElement()
            $writer.WriteEndElement()
        }
        $writer.WriteEndElement()

        if (-not $cmd.HelpUri) { throw "$($cmd.Name) has no HelpUri: give its [Cmdlet] attribute HelpUri = HelpLinks.Docs + `"$($cmd.Name).md`"." }
        $writer.WriteStartElement('command', 'relatedLinks', $command)
        # The first link with an address is the one Get-Help -Online opens.
        $writer.WriteStartElement('maml', 'navigationLink', $maml)
        $writer.WriteElementString('maml', 'linkText', $maml, 'Online Version:')
        $writer.WriteElementString('maml', 'uri', $maml, $cmd.HelpUri)
        $writer.WriteEndElement()
        if ($page.Sections.Contains('Related links')) {
            foreach ($link in $page.Sections['Related links'] | Where-Object { $_ -match '^\s*- (.+)$' } | ForEach-Object { $Matches[1].Trim() }) {
                $writer.WriteStartElement('maml', 'navigationLink', $maml)
                $writer.WriteElementString('maml', 'linkText', $maml, $(if ($link -match '^https?://') { '' } else { $link }))
                $writer.WriteElementString('maml', 'uri', $maml, $(if ($link -match '^https?://') { $link } else { '' }))
                $writer.WriteEndElement()
            }
        }
        $writer.WriteEndElement()
        $writer.WriteEndElement()
    }
    $writer.WriteEndElement()
    $writer.Dispose()
}

Invoke-HelpBuild
