export const greeting = "set up before init";
