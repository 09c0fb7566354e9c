using Marketplace.Web.Hosting;
using System.Globalization;
using Marketplace.Domain.Regions;
using Marketplace.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Admin.Municipalities;

/// <summary>Creates a municipality (no id) or edits one: name, code, IANA time zone, currency, region, corridor.</summary>
public class EditModel(MarketplaceDbContext db, Infrastructure.Regions.RegionBrands brands,
    IStringLocalizer<OperationsResource> text) : PageModel
{
    public IReadOnlyList<Region> Regions { get; private set; } = [];
    public int? Id { get; private set; }

    [BindProperty]
    public MunicipalityInput Input { get; set; } = new();

    public sealed class MunicipalityInput
    {
        [SingleLine]
        public string? Name { get; set; }
        public string? Code { get; set; }
        public string? TimeZoneId { get; set; }
        public string? CurrencyCode { get; set; }
        public int? RegionId { get; set; }
        public int? CorridorId { get; set; }
        /// <summary>Decimal degrees as typed; a point or a comma both read as the decimal mark.</summary>
        public string? Latitude { get; set; }
        public string? Longitude { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken cancellationToken)
    {
        await LoadRegionsAsync(cancellationToken);
        if (id is null)
        {
            return Page();
        }
        var m = await db.Municipalities.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, cancellationToken);
        if (m is null)
        {
            return NotFound();
        }
        Id = m.Id;
        Input = new MunicipalityInput
        {
            Name = m.Name, Code = m.Code, TimeZoneId = m.TimeZoneId, CurrencyCode = m.CurrencyCode, RegionId = m.RegionId,
            CorridorId = m.CorridorId,
            Latitude = m.Latitude.ToString(CultureInfo.InvariantCulture),
            Longitude = m.Longitude.ToString(CultureInfo.InvariantCulture),
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken cancellationToken)
    {
        await LoadRegionsAsync(cancellationToken);
        Municipality? municipality = null;
        if (id is not null)
        {
            municipality = await db.Municipalities.SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
            if (municipality is null)
            {
                return NotFound();
            }
            Id = id;
        }
        await ValidateAsync(id, cancellationToken);
        if (!ModelState.IsValid)
        {
            return Page();
        }
        if (municipality is null)
        {
            municipality = new Municipality { Code = "", Name = "", TimeZoneId = "", CurrencyCode = "" };
            db.Municipalities.Add(municipality);
        }
        municipality.Name = Input.Name!.Trim();
        municipality.Code = Input.Code!.Trim();
        municipality.TimeZoneId = Input.TimeZoneId!.Trim();
        municipality.CurrencyCode = Input.CurrencyCode!.Trim().ToUpperInvariant();
        municipality.RegionId = Input.RegionId!.Value;
        municipality.CorridorId = Input.CorridorId;
        municipality.Latitude = Degrees(Input.Latitude) ?? 0;
        municipality.Longitude = Degrees(Input.Longitude) ?? 0;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two administrators saving the same code at once: the unique index refuses the second.
            ModelState.AddModelError("Input.Code", text["Municipalities.CodeTaken"]);
            return Page();
        }
        // Its places' pages wear the brand of the region it now belongs to.
        brands.Forget();
        TempData["StatusMessage"] = text["Municipalities.Saved", municipality.Name].Value;
        return RedirectToPage("Index");
    }

    private async Task ValidateAsync(int? id, CancellationToken cancellationToken)
    {
        Required("Input.Name", Input.Name, "Field.Name", 120);
        Required("Input.Code", Input.Code, "Field.Code", 32);
        if (Required("Input.TimeZoneId", Input.TimeZoneId, "Field.TimeZone", 64)
            && !MunicipalityRules.IsIanaTimeZone(Input.TimeZoneId!.Trim()))
        {
            ModelState.AddModelError("Input.TimeZoneId", text["Municipalities.BadTimeZone"]);
        }
        if (Required("Input.CurrencyCode", Input.CurrencyCode, "Field.Currency", 3)
            && !MunicipalityRules.IsCurrency(Input.CurrencyCode!.Trim().ToUpperInvariant()))
        {
            ModelState.AddModelError("Input.CurrencyCode", text["Municipalities.BadCurrency"]);
        }
        var region = Regions.FirstOrDefault(r => r.Id == Input.RegionId);
        if (region is null)
        {
            ModelState.AddModelError("Input.RegionId", text["Validation.Required", text["Field.Region"]]);
        }
        else if (Input.CorridorId is { } corridor && region.Corridors.All(c => c.Id != corridor))
        {
            ModelState.AddModelError("Input.CorridorId", text["Municipalities.CorridorOfRegion"]);
        }
        CheckDegrees("Input.Latitude", Input.Latitude, "Field.Latitude", 90);
        CheckDegrees("Input.Longitude", Input.Longitude, "Field.Longitude", 180);
        var code = Input.Code?.Trim();
        if (!string.IsNullOrEmpty(code) && await db.Municipalities.AnyAsync(m => m.Code == code && m.Id != id, cancellationToken))
        {
            ModelState.AddModelError("Input.Code", text["Municipalities.CodeTaken"]);
        }
    }

    private void CheckDegrees(string key, string? value, string label, int limit)
    {
        if (!string.IsNullOrWhiteSpace(value) && (Degrees(value) is not { } degrees || Math.Abs(degrees) > limit))
        {
            ModelState.AddModelError(key, text["Validation.Range", text[label], -limit, limit]);
        }
    }

    private static double? Degrees(string? value) =>
        double.TryParse(value?.Trim().Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var degrees)
            && double.IsFinite(degrees)
            ? degrees
            : null;

    private bool Required(string key, string? value, string label, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            ModelState.AddModelError(key, text["Validation.Required", text[label]]);
            return false;
        }
        if (value.Trim().Length > maxLength)
        {
            ModelState.AddModelError(key, text["Validation.MaxLength", text[label], maxLength]);
            return false;
        }
        return true;
    }

    private async Task LoadRegionsAsync(CancellationToken cancellationToken) =>
        Regions = await db.Regions.AsNoTracking().Include(r => r.Corridors.OrderBy(c => c.Name))
            .OrderBy(r => r.Name).ToListAsync(cancellationToken);
}
