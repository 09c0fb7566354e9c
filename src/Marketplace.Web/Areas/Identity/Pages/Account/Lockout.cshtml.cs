using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Marketplace.Web.Areas.Identity.Pages.Account;

/// <summary>Shown after too many failed sign-ins.</summary>
public class LockoutModel(IOptions<IdentityOptions> options) : PageModel
{
    public int Minutes { get; } = (int)Math.Ceiling(options.Value.Lockout.DefaultLockoutTimeSpan.TotalMinutes);

    public void OnGet()
    {
    }
}
