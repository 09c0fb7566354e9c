using System.Globalization;
using CsvHelper;
using Marketplace.Domain.Fairs.Imports;

namespace Marketplace.Infrastructure.Staff;

/// <summary>One fair day as a line of the CSV format (export and import alike).</summary>
public sealed record FairDayCsvLine(string Series, DateOnly Date, TimeOnly Start, TimeOnly End, string Venue,
    string Status, string? Reason);

/// <summary>The rows of a file, or the problems that stop it from being read at all.</summary>
public sealed record FairDayCsvFile(IReadOnlyList<FairDayCsvRow> Rows, IReadOnlyList<ImportProblem> Problems);

/// <summary>
/// The fair-day CSV format: comma-separated, UTF-8, a header with the English column names
/// below (the same in every language of the site), dates yyyy-MM-dd and hours HH:mm.
/// </summary>
public static class FairDayCsv
{
    public static readonly IReadOnlyList<string> Columns = ["series", "date", "start", "end", "venue", "status", "reason"];
    private static readonly string[] Required = ["series", "date", "start", "end", "venue"];

    public static FairDayCsvFile Read(string text)
    {
        var rows = new List<FairDayCsvRow>();
        var options = CsvReaderOptions.Default with
        {
            Separator = ',',
            HasHeader = true,
            MalformedData = CsvMalformedDataHandling.Throw,
            TrackLineNumbers = true,
            NormalizeHeaderName = name => name.Trim().ToLowerInvariant(),
            FormatProvider = CultureInfo.InvariantCulture,
        };
        using var reader = CsvReader.Create(new StringReader(text.TrimStart('\uFEFF')), options);
        try
        {
            var header = reader.Headers.Select(h => h.Trim().ToLowerInvariant()).ToList();
            var missing = Required.Where(c => !header.Contains(c)).ToList();
            if (header.Count == 0)
            {
                return new FairDayCsvFile([], [new ImportProblem(1, ImportProblemReason.Empty, null)]);
            }
            if (missing.Count > 0)
            {
                return new FairDayCsvFile([], [new ImportProblem(1, ImportProblemReason.MissingColumns, string.Join(",", missing))]);
            }
            var positions = Columns.Select(c => header.IndexOf(c)).ToArray();
            while (reader.Read())
            {
                var line = (int)reader.LineNumber;
                if (rows.Count == FairDayImport.MaxRows)
                {
                    return new FairDayCsvFile([], [new ImportProblem(line, ImportProblemReason.TooManyRows,
                        FairDayImport.MaxRows.ToString(CultureInfo.InvariantCulture))]);
                }
                var fields = positions.Select(i => i >= 0 && i < reader.FieldCount ? reader.GetString(i) : null).ToArray();
                if (fields.All(string.IsNullOrWhiteSpace))
                {
                    continue;
                }
                rows.Add(new FairDayCsvRow(line, fields[0], fields[1], fields[2], fields[3], fields[4], fields[5], fields[6]));
            }
        }
        catch (CsvFormatException e)
        {
            var line = e.LineNumber > 0 ? (int)e.LineNumber : rows.Count + 2;
            return new FairDayCsvFile([], [new ImportProblem(line, ImportProblemReason.BadCsv, null)]);
        }
        return rows.Count == 0
            ? new FairDayCsvFile([], [new ImportProblem(1, ImportProblemReason.Empty, null)])
            : new FairDayCsvFile(rows, []);
    }

    /// <summary>A CSV text of a header and rows, as the reports export them.</summary>
    public static string Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var writer = CsvWriter.Create(text, CsvWriterOptions.Default, leaveOpen: true))
        {
            writer.WriteRecord([.. header]);
            foreach (var row in rows)
            {
                writer.WriteRecord([.. row.Select(Inert)]);
            }
        }
        return text.ToString();
    }

    /// <summary>
    /// A cell a spreadsheet would run as a formula (=, +, -, @, tab or return first: a series name
    /// or reason typed by someone) gets a leading apostrophe, so opening an export runs nothing.
    /// Numbers, negative ones included, stay as they are.
    /// </summary>
    public static string Inert(string cell) =>
        cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r'
        && !decimal.TryParse(cell, NumberStyles.Number, CultureInfo.InvariantCulture, out _)
            ? "'" + cell
            : cell;

    public static string Write(IEnumerable<FairDayCsvLine> lines) =>
        Table(Columns, lines.Select(line => (IReadOnlyList<string>)
        [
            line.Series,
            line.Date.ToString(FairDayImportCheck.DateFormat, CultureInfo.InvariantCulture),
            line.Start.ToString(FairDayImportCheck.TimeFormat, CultureInfo.InvariantCulture),
            line.End.ToString(FairDayImportCheck.TimeFormat, CultureInfo.InvariantCulture),
            line.Venue,
            line.Status,
            line.Reason ?? "",
        ]));
}
