global using System;
global using System.Collections.Generic;
global using System.Linq;
global using System.Net.Http;
global using System.Text.Json;
global using System.Threading.Tasks;
global using FragmentPS.Emulator.Tests.Support;
global using Xunit;
