using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Marketplace.Domain.Fairs;
using Marketplace.Domain.Fairs.Imports;
using Marketplace.Infrastructure.Jobs;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Marketplace.Web.Tests.Operations.OperationsScene;
using static Marketplace.Web.Tests.Staff.StaffScenario;

namespace Marketplace.Web.Tests.Operations;

/// <summary>
/// Fair days in and out as CSV: an import applies every row or none and lists each bad row; a
/// long one runs as a job whose page refreshes itself; the export writes the import's format.
/// </summary>
[Collection(OperationsCollection.Name)]
public partial class ImportExportTests(MarketplaceFactory site)
{
    private const string Header = "series,date,start,end,venue,status,reason";
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_file_with_bad_rows_applies_nothing_and_lists_every_bad_row_with_its_reason()
    {
        var taken = FreshDate();
        await CreateDayAsync(site, SundayMarket, taken);
        var good = FreshDate();
        var csv = string.Join("\n",
            Header,
            Row(SundayMarket, good, "08:00", "13:00", HuancavelicaPlaza),
            Row("Feria que no existe", FreshDate(), "08:00", "13:00", HuancavelicaPlaza),
            Row(SundayMarket, FreshDate(), "08:00", "13:00", "Plaza que no existe"),
            $"{SundayMarket},31/02/2040,08:00,13:00,{HuancavelicaPlaza},,",
            Row(SundayMarket, FreshDate(), "13:00", "08:00", HuancavelicaPlaza),
            Row(ItinerantFair, taken, "10:00", "15:00", HuancavelicaPlaza),
            Row("Feira de Beira de Estrada da PR-445", FreshDate(), "08:00", "13:00", HuancavelicaPlaza),
            Row(SundayMarket, FreshDate(), "08:00", "13:00", HuancavelicaPlaza, "Cancelled"));
        var before = await CountDaysAsync();
        var staff = await SignedInAsync(site, HuancavelicaStaff);

        var page = await FollowAsync(staff, await UploadAsync(staff, csv));

        Assert.Equal(before, await CountDaysAsync());
        Assert.DoesNotContain("http-equiv=\"refresh\"", page);
        var reasons = ProblemPattern().Matches(page).Select(m => (int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), m.Groups[2].Value)).ToList();
        Assert.Equal(
        [
            (3, nameof(ImportProblemReason.UnknownSeries)),
            (4, nameof(ImportProblemReason.UnknownVenue)),
            (5, nameof(ImportProblemReason.BadDate)),
            (6, nameof(ImportProblemReason.EndBeforeStart)),
            (7, nameof(ImportProblemReason.Overlap)),
            (8, nameof(ImportProblemReason.OtherMunicipality)),
            (9, nameof(ImportProblemReason.ReasonRequired)),
        ], reasons);
        Assert.False(await site.WithDbAsync(db => db.FairDays.AnyAsync(d => d.Date == good, Token)));
    }

    [Fact]
    public async Task A_good_file_adds_new_days_and_cancels_an_existing_one_in_one_go()
    {
        var existingDate = FreshDate();
        var existing = await CreateDayAsync(site, SundayMarket, existingDate);
        var added = FreshDate();
        var csv = Header + "\r\n" + Row(SundayMarket, added, "07:30", "12:00", HuancavelicaPlaza) + "\r\n"
            + Row(SundayMarket, existingDate, "08:00", "13:00", HuancavelicaPlaza, "Cancelled", "\"Lluvias, camino cerrado\"") + "\r\n";
        var staff = await SignedInAsync(site, HuancavelicaStaff);

        var page = await FollowAsync(staff, await UploadAsync(staff, csv));

        Assert.Contains("id=\"import-result\"", page);
        var days = await site.WithDbAsync(db => db.FairDays.AsNoTracking()
            .Where(d => d.Date == added || d.Id == existing).ToListAsync(Token));
        var newDay = Assert.Single(days, d => d.Date == added);
        Assert.Equal(new TimeOnly(7, 30), newDay.StartTime);
        Assert.Equal(added, newDay.OccurrenceDate);
        var cancelled = Assert.Single(days, d => d.Id == existing);
        Assert.Equal(FairDayStatus.Cancelled, cancelled.Status);
        Assert.Equal("Lluvias, camino cerrado", cancelled.StatusReason);
        Assert.Equal(1, cancelled.Sequence);
    }

    [Fact]
    public async Task A_long_import_runs_as_a_job_and_its_page_refreshes_until_it_is_done()
    {
        var dates = Enumerable.Range(0, FairDayImport.InlineRowLimit + 50).Select(_ => FreshDate()).ToList();
        var csv = Header + "\n" + string.Join("\n", dates.Select(d => Row(SundayMarket, d, "08:00", "13:00", HuancavelicaPlaza)));
        var staff = await SignedInAsync(site, HuancavelicaStaff);

        var response = await UploadAsync(staff, csv);
        var location = Target(response);
        var id = int.Parse(location[(location.LastIndexOf('/') + 1)..], CultureInfo.InvariantCulture);
        var deadline = DateTime.UtcNow.AddSeconds(90);
        string page;
        var sawProgress = false;
        do
        {
            page = await staff.GetStringAsync(location, Token);
            if (page.Contains("http-equiv=\"refresh\"", StringComparison.Ordinal))
            {
                sawProgress = page.Contains("<progress", StringComparison.Ordinal);
                await Task.Delay(200, Token);
            }
        }
        while (!page.Contains("id=\"import-result\"", StringComparison.Ordinal) && DateTime.UtcNow < deadline);

        Assert.Contains("id=\"import-result\"", page);
        Assert.DoesNotContain("http-equiv=\"refresh\"", page);
        var import = await site.WithDbAsync(db => db.FairDayImports.AsNoTracking().SingleAsync(i => i.Id == id, Token));
        Assert.Equal(FairDayImportStatus.Applied, import.Status);
        Assert.Equal(dates.Count, import.TotalRows);
        Assert.Equal(dates.Count, import.CheckedRows);
        Assert.Equal(dates.Count, await site.WithDbAsync(db => db.FairDays.CountAsync(d => dates.Contains(d.Date), Token)));
        // The page either caught the job running (progress bar) or it had already finished: both are fine.
        Assert.True(sawProgress || import.FinishedAtUtc is not null);
    }

    [Fact]
    public async Task A_queued_import_whose_job_was_lost_shows_its_progress_and_the_sweep_finishes_it()
    {
        var municipality = await MunicipalityIdAsync(site, Huancavelica);
        var userId = await UserIdAsync(site, HuancavelicaStaff);
        var staff = await SignedInAsync(site, HuancavelicaStaff);
        var parana = await SignedInAsync(site, ParanaStaff);
        const string refresh = "<meta http-equiv=\"refresh\" content=\"2\">";

        // The shared site's own minutely sweep may finish the import before its page is read;
        // then the scene is played again with a fresh one.
        for (var attempt = 1; ; attempt++)
        {
            var date = FreshDate();
            var id = await site.WithDbAsync(async db =>
            {
                var import = new FairDayImport
                {
                    MunicipalityId = municipality, UserId = userId, FileName = "perdida.csv", TotalRows = 1,
                    Content = Header + "\n" + Row(SundayMarket, date, "08:00", "13:00", HuancavelicaPlaza),
                    CreatedAtUtc = DateTime.UtcNow, Status = FairDayImportStatus.Queued,
                };
                db.FairDayImports.Add(import);
                await db.SaveChangesAsync(Token);
                return import.Id;
            });

            var waiting = await staff.GetStringAsync($"/Staff/Import/{id}", Token);
            if (attempt < 3 && !waiting.Contains(refresh, StringComparison.Ordinal)
                && await site.WithDbAsync(db => db.FairDayImports.AnyAsync(i => i.Id == id && i.FinishedAtUtc != null, Token)))
            {
                continue;
            }
            Assert.Contains(refresh, waiting);
            Assert.Equal(HttpStatusCode.NotFound, (await parana.GetAsync($"/Staff/Import/{id}", Token)).StatusCode);

            await using (var scope = site.Services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<SweepFairDayImports>().RunAsync(Token);
            }

            var done = await staff.GetStringAsync($"/Staff/Import/{id}", Token);
            Assert.DoesNotContain("http-equiv=\"refresh\"", done);
            Assert.True(await site.WithDbAsync(db => db.FairDays.AnyAsync(d => d.Date == date, Token)));
            return;
        }
    }

    [Fact]
    public async Task An_import_left_by_a_dead_worker_says_it_waits_to_resume_and_when_and_the_form_states_the_row_limit()
    {
        var municipality = await MunicipalityIdAsync(site, Huancavelica);
        var userId = await UserIdAsync(site, HuancavelicaStaff);
        var staff = await SignedInAsync(site, HuancavelicaStaff);

        // The shared site's own minutely sweep may take the import before its page is read;
        // then the scene is played again with a fresh one.
        for (var attempt = 1; ; attempt++)
        {
            var now = DateTime.UtcNow;
            var id = await site.WithDbAsync(async db =>
            {
                var import = new FairDayImport
                {
                    MunicipalityId = municipality, UserId = userId, FileName = "abandonada.csv", TotalRows = 300,
                    Content = Header + "\n" + Row(SundayMarket, FreshDate(), "08:00", "13:00", HuancavelicaPlaza),
                    CreatedAtUtc = now.AddMinutes(-5), Status = FairDayImportStatus.Running, CheckedRows = 150,
                    LeaseUntilUtc = now.AddSeconds(-1),
                };
                db.FairDayImports.Add(import);
                await db.SaveChangesAsync(Token);
                return import.Id;
            });

            var page = await staff.GetStringAsync($"/Staff/Import/{id}", Token);
            if (attempt < 3 && await site.WithDbAsync(db => db.FairDayImports.AnyAsync(i => i.Id == id
                && (i.Status != FairDayImportStatus.Running || i.LeaseUntilUtc > now), Token)))
            {
                continue;
            }
            var status = Regex.Match(page, "<p id=\"import-status\"[^>]*>([^<]*)</p>");
            Assert.True(status.Success, page);
            Assert.DoesNotContain("En proceso", status.Value);
            Assert.Contains("En espera de reanudarse hacia las", status.Value);
            // The next minutely sweep, in Huancavelica's time (UTC-5).
            var sweep = new DateTime(now.Ticks - now.Ticks % TimeSpan.TicksPerMinute, DateTimeKind.Utc).AddMinutes(1).AddHours(-5);
            var shown = status.Groups[0].Value;
            Assert.True(shown.Contains($"data-resumes-at=\"{sweep:HH:mm}\"", StringComparison.Ordinal)
                || shown.Contains($"data-resumes-at=\"{sweep.AddMinutes(1):HH:mm}\"", StringComparison.Ordinal), shown);
            break;
        }

        var form = await staff.GetStringAsync("/Staff/Import", Token);
        Assert.Contains("5.000 filas", form);
    }

    [Fact]
    public async Task Files_that_are_not_csv_text_or_too_big_get_a_field_error_and_no_import()
    {
        var staff = await SignedInAsync(site, HuancavelicaStaff);
        var before = await site.WithDbAsync(db => db.FairDayImports.CountAsync(Token));

        var binary = await UploadAsync(staff, bytes: [0x89, 0x50, 0x4E, 0x47, 0x00, 0xFF, 0xFE]);
        var huge = await UploadAsync(staff, Header + "\n" + new string('x', 1024 * 1024 + 10));
        var missingColumns = await FollowAsync(staff, await UploadAsync(staff, "fecha,feria\n2040-01-01,x"));

        Assert.Equal(HttpStatusCode.OK, binary.StatusCode);
        Assert.Contains("Upload-error", await binary.Content.ReadAsStringAsync(Token));
        Assert.Equal(HttpStatusCode.OK, huge.StatusCode);
        Assert.Contains("aria-invalid=\"true\"", await huge.Content.ReadAsStringAsync(Token));
        Assert.Contains($"data-reason=\"{nameof(ImportProblemReason.MissingColumns)}\"", missingColumns);
        Assert.Equal(before + 1, await site.WithDbAsync(db => db.FairDayImports.CountAsync(Token)));
    }

    [Fact]
    public async Task The_export_writes_the_import_format_with_english_columns_in_every_language()
    {
        var date = FreshDate();
        await CreateDayAsync(site, SundayMarket, date, start: new TimeOnly(6, 45), end: new TimeOnly(11, 15));
        var staff = await SignedInAsync(site, HuancavelicaStaff);
        var municipality = await MunicipalityIdAsync(site, Huancavelica);
        var query = $"handler=Csv&MunicipalityId={municipality}&From={date:yyyy-MM-dd}&To={date:yyyy-MM-dd}";

        var spanish = await staff.GetAsync($"/Staff/Export?{query}", Token);
        var english = await staff.GetStringAsync($"/Staff/Export?{query}&culture=en", Token);

        Assert.Equal("text/csv", spanish.Content.Headers.ContentType?.MediaType);
        var csv = await spanish.Content.ReadAsStringAsync(Token);
        Assert.Equal(csv, english);
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Header, lines[0]);
        Assert.Equal($"{SundayMarket},{date:yyyy-MM-dd},06:45,11:15,{HuancavelicaPlaza},Scheduled,", Assert.Single(lines[1..]));
        var parana = await SignedInAsync(site, ParanaStaff);
        Assert.Equal(HttpStatusCode.NotFound, (await parana.GetAsync($"/Staff/Export?{query}", Token)).StatusCode);
        var reversed = await staff.GetAsync($"/Staff/Export?handler=Csv&MunicipalityId={municipality}&From=2040-02-01&To=2040-01-01", Token);
        Assert.Equal(HttpStatusCode.OK, reversed.StatusCode);
        Assert.Contains("To-error", await reversed.Content.ReadAsStringAsync(Token));
    }

    private static string Row(string series, DateOnly date, string start, string end, string venue, string status = "",
        string reason = "") =>
        string.Create(CultureInfo.InvariantCulture, $"{series},{date:yyyy-MM-dd},{start},{end},{venue},{status},{reason}");

    private Task<int> CountDaysAsync() => site.WithDbAsync(db => db.FairDays.CountAsync(Token));

    private static async Task<string> FollowAsync(HttpClient client, HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await client.GetStringAsync(Target(response), Token);
    }

    /// <summary>Posts the upload form as a browser does: multipart, with the antiforgery token of the page.</summary>
    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string? csv = null, byte[]? bytes = null)
    {
        var form = await client.GetStringAsync("/Staff/Import", Token);
        var token = WebUtility.HtmlDecode(TokenPattern().Match(form).Groups[1].Value);
        var file = new ByteArrayContent(bytes ?? Encoding.UTF8.GetBytes(csv!));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { file, "Upload", "dias.csv" },
        };
        return await client.PostAsync("/Staff/Import", content, Token);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("<tr>\\s*<td>(\\d+)</td>\\s*<td data-reason=\"([A-Za-z]+)\"")]
    private static partial Regex ProblemPattern();

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")")]
    [InlineData("+51 964", "'+51 964")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("-5", "-5")]
    [InlineData("-cmd", "'-cmd")]
    [InlineData("Feria de Lircay", "Feria de Lircay")]
    [InlineData("", "")]
    public void An_exported_cell_a_spreadsheet_would_run_as_a_formula_is_made_inert(string cell, string written) =>
        Assert.Equal(written, Marketplace.Infrastructure.Staff.FairDayCsv.Inert(cell));
}
